package dev.datafactory.launcher.worker;

import dev.datafactory.launcher.FactoryCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;

/** {@code --data-dir}, else {@code $DATAFACTORY_HOME}, else {@code ~/.datafactory}: as the local factory resolves it. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (default: $DATAFACTORY_HOME or ~/.datafactory).")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Path resolve(Map<String, String> env) {
        Path chosen = dataDir != null ? dataDir : FactoryCommand.dataDirBeforeSubcommand(command);
        if (chosen != null) {
            return chosen.toAbsolutePath();
        }
        String home = env.getOrDefault("DATAFACTORY_HOME", "");
        return home.isBlank() ? Path.of(System.getProperty("user.home"), ".datafactory") : Path.of(home);
    }
}
