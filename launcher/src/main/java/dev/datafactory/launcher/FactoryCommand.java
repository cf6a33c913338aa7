package dev.datafactory.launcher;

import dev.datafactory.launcher.console.ConsoleCommand;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.validation.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code factory}: with no arguments it opens the console on the embedded local backend;
 * subcommands work headless.
 */
// scope INHERIT: every subcommand (and sub-subcommand) accepts --help and --version too, as users expect.
@Command(name = "factory", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = FactoryCommand.Version.class,
        description = "Data Factory: scheduled web scraping with canary evidence, locally or on Google Cloud.",
        subcommands = {VersionCommand.class,
                ConsoleCommand.class,
                dev.datafactory.launcher.gcp.GcpCommand.class,
                dev.datafactory.launcher.worker.WorkerCommand.class,
                dev.datafactory.launcher.worker.ScrapeCommand.class,
                dev.datafactory.launcher.worker.TokenCommand.class,
                dev.datafactory.launcher.local.UpCommand.class,
                dev.datafactory.launcher.local.ScheduleCommand.class,
                dev.datafactory.launcher.local.JobsCommand.class,
                dev.datafactory.launcher.local.RunsCommand.class,
                dev.datafactory.launcher.local.LogsCommand.class,
                CommandLine.HelpCommand.class})
public final class FactoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Not inherited: each subcommand keeps its own --data-dir (after the subcommand), which wins over this one.
    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.LOCAL,
            description = "Data directory for the subcommand, e.g. factory --data-dir /srv/df schedule list "
                    + "(default: $DATAFACTORY_HOME, else ~/.datafactory).")
    Path dataDir;

    /**
     * The {@code --data-dir} given before the subcommand ({@code factory --data-dir X runs}), or null.
     *
     * @param command the subcommand's spec (for a mixin: its mixee); null when it was not built by picocli
     */
    public static Path dataDirBeforeSubcommand(CommandLine.Model.CommandSpec command) {
        if (command == null || command.root() == command
                || !(command.root().userObject() instanceof FactoryCommand root)) {
            return null;
        }
        return root.dataDir;
    }

    /** No subcommand: the console on the local backend, as the README's first command. */
    @Override
    public Integer call() throws Exception {
        return ConsoleCommand.withDataDir(dataDir).call();
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FactoryCommand());
        cl.setExecutionExceptionHandler(FactoryCommand::handle);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof InvalidInputException invalid) {
            err.println(cl.getColorScheme().errorText(invalid.getMessage()));
            return 2;
        }
        err.println(cl.getColorScheme().errorText("error: " + e.getMessage()));
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().describe()};
        }
    }
}
