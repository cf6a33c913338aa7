package dev.datafactory.launcher.gcp;

import dev.datafactory.launcher.FactoryCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcpCommandTest {

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
    void gcpListsCheckAndProvision() {
        Result result = run("gcp", "--help");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("check").contains("provision");
    }

    @Test
    void badSettingsAreReportedWithTheirPathsBeforeAnythingIsContacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gcp.json");
        Files.writeString(file, """
                {"project": "My Project", "region": "europe-west1", "bucket": "gs://data", "workerUrl": "ftp://x",
                 "maxDeliveryAttempts": 2, "colour": "blue"}
                """);

        Result result = run("gcp", "check", "--settings", file.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("project: must be a project id").contains("bucket: must be a bucket name")
                .contains("workerUrl: must be an https:// URL").contains("maxDeliveryAttempts")
                .contains("colour");
    }
}
