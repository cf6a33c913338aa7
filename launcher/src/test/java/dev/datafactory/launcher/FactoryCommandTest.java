package dev.datafactory.launcher;

import dev.datafactory.launcher.testing.Cli;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class FactoryCommandTest {

    @Test
    void helpListsTheSubcommands() {
        Cli.Result result = Cli.runRaw("--help");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("Usage: factory").contains("version");
    }

    @Test
    void versionPrintsTheBuildStamp() {
        Cli.Result result = Cli.runRaw("version");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("Data Factory ").contains("(git ").contains(", built ");
    }

    @Test
    void unknownSubcommandFailsWithAHint() {
        Cli.Result result = Cli.runRaw("frobnicate");
        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("Unmatched argument").contains("frobnicate");
    }

    @Test
    void everySubcommandAcceptsHelp() {
        for (String[] args : new String[][] {{"schedule", "--help"}, {"schedule", "add", "--help"}, {"jobs", "-h"},
                {"jobs", "replay", "--help"}, {"runs", "--help"}, {"logs", "--help"}, {"up", "--help"},
                {"worker", "--help"}, {"version", "--help"}}) {
            Cli.Result result = Cli.runRaw(args);
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
