package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.InProcessWorker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the launcher hands the console: the backend it opened, how to open another one from
 * Settings, the settings it was opened with, and the data directory where the console keeps its
 * own files (window state, settings); and, when the launcher runs the local engine behind the
 * window, the worker that engine runs in-process (asked each time: it starts after the window opens).
 */
public record ConsoleLaunch(ConsoleBackend backend, BackendSettings settings, BackendConnector connector,
                            Path dataDir, Clock clock, ZoneId operatorZone,
                            Supplier<Optional<InProcessWorker>> inProcessWorker) {

    /** A console that runs no engine of its own. */
    public ConsoleLaunch(ConsoleBackend backend, BackendSettings settings, BackendConnector connector, Path dataDir,
                         Clock clock, ZoneId operatorZone) {
        this(backend, settings, connector, dataDir, clock, operatorZone, Optional::empty);
    }

    public static ConsoleLaunch of(ConsoleBackend backend, BackendSettings settings, BackendConnector connector,
                                   Path dataDir) {
        return new ConsoleLaunch(backend, settings, connector, dataDir, Clock.systemUTC(), ZoneId.systemDefault());
    }

    public ConsoleLaunch withInProcessWorker(Supplier<Optional<InProcessWorker>> worker) {
        return new ConsoleLaunch(backend, settings, connector, dataDir, clock, operatorZone, worker);
    }
}
