package dev.datafactory.launcher;

import dev.datafactory.model.build.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code factory version}: which build this is (git SHA + build time). */
@Command(name = "version", description = "Print the build version (git SHA and build time).")
public final class VersionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(BuildInfo.current().describe());
    }
}
