package dev.datafactory.launcher.gcp;

import dev.datafactory.launcher.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GcpCommandTest {

    @Test
    void gcpListsCheckAndProvision() {
        Cli.Result result = Cli.runRaw("gcp", "--help");

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

        Cli.Result result = Cli.runRaw("gcp", "check", "--settings", file.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("project: must be a project id").contains("bucket: must be a bucket name")
                .contains("workerUrl: must be an https:// URL").contains("maxDeliveryAttempts")
                .contains("colour");
    }
}
