package dev.datafactory.launcher.console;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.console.settings.SettingsStore;
import dev.datafactory.console.shell.ConsoleLaunch;
import dev.datafactory.console.shell.ConsoleLauncher;
import dev.datafactory.local.data.DataDirectory;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code factory console} (and {@code factory} with no arguments): opens the operator console on
 * the backend saved in the console's settings, the local factory of the data directory by default.
 */
@Command(name = "console", description = "Open the operator console (the default when no command is given).")
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory of the local factory (default: $" + DataDirectory.ENV + " or ~/.datafactory).")
    Path dataDir;

    @Option(names = "--local", description = "Open the local factory even if Settings chose another backend.")
    boolean forceLocal;

    @Override
    public Integer call() throws Exception {
        DataDirectory dir = DataDirectory.resolve(dataDir, System.getenv(), System.getProperty("user.home"))
                .ensureExists();
        BackendSettings settings = forceLocal ? BackendSettings.local(dir.root())
                : new SettingsStore(dir.root()).load().orElse(BackendSettings.local(dir.root()));
        DefaultBackendConnector connector = new DefaultBackendConnector();
        ConsoleBackend backend;
        try {
            backend = connector.connect(settings);
        } catch (RuntimeException e) {
            if (settings.kind() == BackendSettings.Kind.LOCAL) {
                throw e;
            }
            // A console that cannot reach the cloud must still open, to let the operator fix Settings.
            LoggerFactory.getLogger(ConsoleCommand.class).info("Could not open {} ({}); opening the local factory",
                    settings.describe(), e.getMessage());
            settings = BackendSettings.local(dir.root());
            backend = connector.connect(settings);
        }
        return ConsoleLauncher.run(ConsoleLaunch.of(backend, settings, connector, dir.root()));
    }
}
