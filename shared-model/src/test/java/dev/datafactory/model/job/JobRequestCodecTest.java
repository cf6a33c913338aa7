package dev.datafactory.model.job;

import dev.datafactory.model.testing.Specs;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobRequestCodecTest {

    private final JobRequest job = new JobRequest("daily-20260101T090000Z-1a2b3c4d", "daily-20260101T090000Z", "daily",
            Trigger.SCHEDULE, 2, Specs.demoProducts(), Instant.parse("2026-01-01T09:00:00.123Z"));

    @Test
    void roundTrips() {
        byte[] bytes = JobRequestCodec.toBytes(job);
        assertThat(JobRequestCodec.parse("job", bytes)).isEqualTo(job);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{\"jobId\":\"daily-20260101T090000Z-1a2b3c4d\",\"runId\"")
                .contains("\"trigger\":\"SCHEDULE\"", "\"requestedAt\":\"2026-01-01T09:00:00.123Z\"");
    }

    @Test
    void reportsProblemsInsideTheEmbeddedSpecWithTheirFullPath() {
        String json = new String(JobRequestCodec.toBytes(job), StandardCharsets.UTF_8)
                .replace("\"selector\":\"h1\"", "\"selector\":\"\"")
                .replace("\"trigger\":\"SCHEDULE\"", "\"trigger\":\"CRON\"");
        assertThatThrownBy(() -> JobRequestCodec.parse("message 42", json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem("trigger", "must be one of SCHEDULE, MANUAL, TEST; was \"CRON\""),
                        new Problem("spec.extract.fields.title.selector", "must not be empty")));
    }

    @Test
    void rejectsUnsafeIdsAndMissingFields() {
        assertThatThrownBy(() -> JobRequestCodec.parse("m", "{\"jobId\":\"../etc/passwd\"}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactly("jobId", "runId", "scheduleId", "trigger", "spec", "requestedAt"));
    }
}
