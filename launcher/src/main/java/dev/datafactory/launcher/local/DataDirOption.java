package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --data-dir}: which local factory a command works on; else {@code $DATAFACTORY_HOME}, else ~/.datafactory. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The local factory's data directory (default: $DATAFACTORY_HOME, else ~/.datafactory).")
    Path dataDir;

    public DataDirectory resolve() {
        return DataDirectory.resolve(dataDir, System.getenv(), System.getProperty("user.home"));
    }

    public LocalFactory open() {
        return LocalFactory.open(resolve());
    }
}
