package dev.datafactory.launcher;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** Entry point of {@code ./factory}: one launcher for operators and scripts alike. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // java.util.logging (used by some libraries) goes through the same Logback configuration.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Long-running commands (console, up, worker) return only when they are done, so exiting
        // here also stops non-daemon threads that libraries may have left behind.
        System.exit(FactoryCommand.commandLine().execute(args));
    }
}
