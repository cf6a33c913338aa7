package dev.datafactory.launcher.gcp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code factory gcp …}: the Google Cloud backend's operator commands. */
@Command(name = "gcp", mixinStandardHelpOptions = true,
        description = "Google Cloud backend: check what works in the configured project, provision Pub/Sub.",
        subcommands = {GcpCheckCommand.class, GcpProvisionCommand.class, CommandLine.HelpCommand.class})
public final class GcpCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
