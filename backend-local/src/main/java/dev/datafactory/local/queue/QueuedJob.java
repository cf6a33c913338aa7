package dev.datafactory.local.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as the queue holds it, for {@code factory jobs} and the console: where it stands, how often
 * it was delivered, and why the last delivery failed.
 */
public record QueuedJob(String jobId, String runId, String scheduleId, String messageId, State state, int attempts,
                        int maxAttempts, Instant enqueuedAt, Optional<Instant> availableAt,
                        Optional<Instant> leaseUntil, Optional<String> lastError) {

    public enum State {
        QUEUED, LEASED, DONE, DEAD
    }
}
