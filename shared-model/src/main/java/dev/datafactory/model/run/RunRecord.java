package dev.datafactory.model.run;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.datafactory.model.job.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record one job leaves ({@code runs/{run}/{job}.json}): outcome, counts, timings, and which
 * build in which environment produced it.
 */
@JsonPropertyOrder({"runId", "jobId", "scheduleId", "trigger", "attempt", "status", "verdict", "items", "pages",
        "startedAt", "finishedAt", "build", "environment", "fingerprint", "screenshots", "resultKey", "error"})
public record RunRecord(String runId, String jobId, String scheduleId, Trigger trigger, int attempt,
                        RunStatus status, BlockVerdict verdict, int items, int pages, Instant startedAt,
                        Instant finishedAt, String build, String environment, EnvironmentFingerprint fingerprint,
                        List<String> screenshots, Optional<String> resultKey, Optional<String> error) {

    public RunRecord {
        screenshots = List.copyOf(screenshots);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
