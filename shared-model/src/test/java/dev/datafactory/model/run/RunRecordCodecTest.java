package dev.datafactory.model.run;

import dev.datafactory.model.job.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunRecordCodecTest {

    @Test
    void roundTripsAndKeepsTheEvidence() {
        EnvironmentFingerprint fp = new EnvironmentFingerprint("UA", false, List.of("de-DE", "de"), "Europe/Berlin",
                1280, 800, "156.0.1", "Linux", Map.of("brands", "Chromium"), Optional.of("203.0.113.9"), "cloud-run");
        RunRecord record = new RunRecord("r", "j", "s", Trigger.SCHEDULE, 1, RunStatus.BLOCKED,
                BlockVerdict.blockedBy(List.of("status:403", "selector:#captcha")), 0, 1,
                Instant.parse("2026-01-01T09:00:00Z"), Instant.parse("2026-01-01T09:00:04.5Z"), "0.1.0+abc",
                "cloud-run", fp, List.of("canary/s/r/j/01-navigate.png"), Optional.empty(),
                Optional.of("blocked by status:403"));

        RunRecord reread = RunRecordCodec.parse(RunRecordCodec.toBytes(record));

        assertThat(reread).isEqualTo(record);
        assertThat(reread.duration()).isEqualTo(Duration.ofMillis(4500));
        assertThat(reread.verdict().summary()).isEqualTo("blocked (status:403, selector:#captcha)");
        assertThat(fp.rows()).containsEntry("navigator.webdriver", "false").containsEntry("hint.brands", "Chromium")
                .containsEntry("egressIp", "203.0.113.9");
        assertThat(fp.hash()).hasSize(12).isEqualTo(reread.fingerprint().hash());
    }
}
