package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * What the launcher hands the console: the backend it opened, how to open another one from
 * Settings, the settings it was opened with, and the data directory where the console keeps its
 * own files (window state, settings).
 */
public record ConsoleLaunch(ConsoleBackend backend, BackendSettings settings, BackendConnector connector,
                            Path dataDir, Clock clock, ZoneId operatorZone) {

    public static ConsoleLaunch of(ConsoleBackend backend, BackendSettings settings, BackendConnector connector,
                                   Path dataDir) {
        return new ConsoleLaunch(backend, settings, connector, dataDir, Clock.systemUTC(), ZoneId.systemDefault());
    }
}
