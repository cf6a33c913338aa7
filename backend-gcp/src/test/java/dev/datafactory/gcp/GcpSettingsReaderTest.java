package dev.datafactory.gcp;

import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.config.GcpSettingsReader;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GcpSettingsReaderTest {

    @Test
    void theFileGivesTheProjectAndTheEnvironmentOverridesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gcp.json");
        Files.writeString(file, """
                {"project": "factory-prod", "region": "europe-west1", "bucket": "factory-artifacts",
                 "workerUrl": "https://worker-abc-ew.a.run.app/", "maxDeliveryAttempts": 7}
                """);

        GcpSettings s = GcpSettingsReader.read(file, Map.of("DATAFACTORY_GCP_REGION", "us-central1",
                "DATAFACTORY_GCP_PUSH_SERVICE_ACCOUNT", "push@factory-prod.iam.gserviceaccount.com",
                "PUBSUB_EMULATOR_HOST", "127.0.0.1:8085"));

        assertThat(s.project()).isEqualTo("factory-prod");
        assertThat(s.region()).isEqualTo("us-central1");
        assertThat(s.maxDeliveryAttempts()).isEqualTo(7);
        assertThat(s.pushEndpoint()).hasValue("https://worker-abc-ew.a.run.app/pubsub/push");
        assertThat(s.effectiveOrchestratorUrl()).hasValue("https://worker-abc-ew.a.run.app/orchestrate");
        assertThat(s.pushServiceAccount()).hasValue("push@factory-prod.iam.gserviceaccount.com");
        assertThat(s.pubsubEndpoint()).hasValue("127.0.0.1:8085");
        assertThat(s.jobsTopic()).isEqualTo("datafactory-jobs");
        assertThat(s.fullLogName()).isEqualTo("projects/factory-prod/logs/run.googleapis.com%2Fstdout");
    }

    @Test
    void withoutAFileTheEnvironmentAloneIsEnough(@TempDir Path dir) {
        GcpSettings s = GcpSettingsReader.read(dir.resolve("absent.json"), Map.of("GOOGLE_CLOUD_PROJECT", "factory-dev",
                "DATAFACTORY_GCP_REGION", "europe-west4", "DATAFACTORY_GCP_BUCKET", "factory-dev-artifacts"));

        assertThat(s.project()).isEqualTo("factory-dev");
        assertThat(s.bucket()).isEqualTo("factory-dev-artifacts");
    }

    @Test
    void everyProblemIsReportedWithItsPath(@TempDir Path dir) {
        assertThatThrownBy(() -> GcpSettingsReader.read(dir.resolve("absent.json"), Map.of(
                "DATAFACTORY_GCP_REGION", "Europe", "DATAFACTORY_GCP_SCHEDULE_TARGET", "smoke-signals")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).contains("project", "bucket", "region", "scheduleTarget"));
    }

    @Test
    void missingRequiredSettingsSayWhereToSetThem(@TempDir Path dir) {
        assertThatThrownBy(() -> GcpSettingsReader.read(dir.resolve("absent.json"), Map.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.toString()).contains("project").contains("GOOGLE_CLOUD_PROJECT"))
                        .anySatisfy(p -> assertThat(p.toString()).contains("region").contains("DATAFACTORY_GCP_REGION"))
                        .anySatisfy(p -> assertThat(p.toString()).contains("bucket").contains("DATAFACTORY_GCP_BUCKET")));
    }

    @Test
    void writtenSettingsReadBackTheSame(@TempDir Path dir) throws Exception {
        GcpSettings s = GcpSettings.defaults("factory-prod", "europe-west1", "factory-artifacts")
                .withWorkerUrl("https://worker-abc-ew.a.run.app")
                .withServiceAccounts("scheduler@factory-prod.iam.gserviceaccount.com", null)
                .withScheduleTarget(GcpSettings.ScheduleTarget.PUBSUB);
        Path file = dir.resolve("gcp.json");
        Files.writeString(file, GcpSettingsReader.toJson(s));

        assertThat(GcpSettingsReader.read(file, Map.of())).isEqualTo(s);
    }
}
