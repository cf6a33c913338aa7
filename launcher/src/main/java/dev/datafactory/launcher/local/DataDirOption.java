package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.launcher.FactoryCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code --data-dir} (after the subcommand, else before it): which local factory a command works on; else {@code $DATAFACTORY_HOME}, else ~/.datafactory. */
public final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The local factory's data directory (default: $DATAFACTORY_HOME, else ~/.datafactory).")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public DataDirectory resolve() {
        Path chosen = dataDir != null ? dataDir : FactoryCommand.dataDirBeforeSubcommand(command);
        return DataDirectory.resolve(chosen, System.getenv(), System.getProperty("user.home"));
    }

    public LocalFactory open() {
        return LocalFactory.open(resolve());
    }
}
