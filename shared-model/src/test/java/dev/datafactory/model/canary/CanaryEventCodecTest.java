package dev.datafactory.model.canary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.run.EnvironmentFingerprint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryEventCodecTest {

    private final EnvironmentFingerprint fingerprint = new EnvironmentFingerprint("Mozilla/5.0 HeadlessChrome/156",
            true, List.of("en-US"), "UTC", 1280, 800, "156.0", "Linux x86_64", Map.of("plugins", "0"),
            Optional.empty(), "local");

    @Test
    void writesCloudRunStructuredLoggingShapeAndReadsItBack() {
        CanaryEvent event = CanaryEvent.of(Severity.WARNING, "blocked at product page",
                        Instant.parse("2026-11-25T10:00:00.250Z"), new CanaryLabels("r1", "j1", "s1", "local", "0.1+abc"))
                .withTrace("projects/p/traces/t1")
                .withDetail(CanaryDetail.step("navigate").withUrl("http://127.0.0.1/p/1").withStatus(403)
                        .withVerdict("BLOCKED").withScreenshot("canary/s1/r1/j1/01-navigate.png")
                        .withFingerprint(fingerprint));

        String line = CanaryEventCodec.toLine(event);

        assertThat(line).doesNotContain("\n");
        JsonNode tree = Json.parseTree("line", line);
        assertThat(tree.get("severity").asText()).isEqualTo("WARNING");
        assertThat(tree.get("message").asText()).isEqualTo("blocked at product page");
        assertThat(tree.get("time").asText()).isEqualTo("2026-11-25T10:00:00.250Z");
        assertThat(tree.get("logging.googleapis.com/labels").get("build").asText()).isEqualTo("0.1+abc");
        assertThat(tree.get("logging.googleapis.com/trace").asText()).isEqualTo("projects/p/traces/t1");
        assertThat(tree.get("canary").get("status").asInt()).isEqualTo(403);
        assertThat(CanaryEventCodec.parseLine(line)).contains(event);
    }

    @Test
    void omitsAbsentPartsAndToleratesForeignLines() {
        CanaryEvent plain = CanaryEvent.of(Severity.INFO, "factory started", Instant.parse("2026-11-25T10:00:00Z"),
                CanaryLabels.of("local", "dev+x"));
        String line = CanaryEventCodec.toLine(plain);
        assertThat(line).doesNotContain("trace").doesNotContain("canary");
        assertThat(CanaryEventCodec.parseLine(line)).contains(plain);

        assertThat(CanaryEventCodec.parseLine("{\"severity\":\"WARN\",\"message\":\"m\",\"time\":\"2026-01-01T00:00:00Z\","
                + "\"other\":1}")).hasValueSatisfying(e -> {
                    assertThat(e.severity()).isEqualTo(Severity.WARNING);
                    assertThat(e.labels().run()).isEmpty();
                });
        assertThat(CanaryEventCodec.parseLine("plain text")).isEmpty();
        assertThat(CanaryEventCodec.parseLine("{\"message\":\"no time\"}")).isEmpty();
    }
}
