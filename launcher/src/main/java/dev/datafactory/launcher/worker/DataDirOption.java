package dev.datafactory.launcher.worker;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** {@code --data-dir}, else {@code $DATAFACTORY_HOME}, else {@code ~/.datafactory}: as the local factory resolves it. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $DATAFACTORY_HOME or ~/.datafactory).")
    Path dataDir;

    Path resolve(Map<String, String> env) {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String home = env.getOrDefault("DATAFACTORY_HOME", "");
        return home.isBlank() ? Path.of(System.getProperty("user.home"), ".datafactory") : Path.of(home);
    }
}
