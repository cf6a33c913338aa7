package dev.datafactory.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class FactoryCommandTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cl = FactoryCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Result result = run("--help");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("Usage: factory").contains("version");
    }

    @Test
    void versionPrintsTheBuildStamp() {
        Result result = run("version");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Data Factory ").contains("(git ").contains(", built ");
    }

    @Test
    void unknownSubcommandFailsWithAHint() {
        Result result = run("frobnicate");
        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("Unmatched argument").contains("frobnicate");
    }

    @Test
    void everySubcommandAcceptsHelp() {
        for (String[] args : new String[][] {{"schedule", "--help"}, {"schedule", "add", "--help"}, {"jobs", "-h"},
                {"jobs", "replay", "--help"}, {"runs", "--help"}, {"logs", "--help"}, {"up", "--help"},
                {"worker", "--help"}, {"version", "--help"}}) {
            Result result = run(args);
            assertThat(result.exit()).as(String.join(" ", args) + ": " + result.err()).isZero();
            assertThat(result.out()).as(String.join(" ", args)).contains("Usage: factory " + args[0]);
            assertThat(result.err()).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void everySubcommandSummaryInTheHelpListIsAWholeSentence() {
        // `factory --help` shows only the first description line of each subcommand.
        FactoryCommand.commandLine().getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            assertThat(description[0]).as(name).endsWith(".");
        });
    }
}
