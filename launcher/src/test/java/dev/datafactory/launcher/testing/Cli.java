package dev.datafactory.launcher.testing;

import dev.datafactory.launcher.FactoryCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code factory …} in-process against one data directory, capturing exit code, stdout and stderr. */
public final class Cli {

    public record Result(int exit, String out, String err) {
    }

    private final Path dataDir;

    public Cli(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return runRaw(all.toArray(String[]::new));
    }

    /** {@code factory args…} exactly as given (no {@code --data-dir} appended). */
    public static Result runRaw(String... args) {
        CommandLine cl = FactoryCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
