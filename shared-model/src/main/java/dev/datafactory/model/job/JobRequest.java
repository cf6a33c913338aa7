package dev.datafactory.model.job;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.datafactory.model.spec.ScrapeSpec;

import java.time.Instant;

/**
 * One unit of work for a worker. {@code jobId} is stable across redeliveries and is the
 * idempotency key: a worker that finds its result already written acknowledges without scraping.
 */
@JsonPropertyOrder({"jobId", "runId", "scheduleId", "trigger", "attempt", "spec", "requestedAt"})
public record JobRequest(String jobId, String runId, String scheduleId, Trigger trigger, int attempt,
                         ScrapeSpec spec, Instant requestedAt) {

    public JobRequest withAttempt(int newAttempt) {
        return new JobRequest(jobId, runId, scheduleId, trigger, newAttempt, spec, requestedAt);
    }
}
