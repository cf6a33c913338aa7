package dev.datafactory.worker.engine;

import dev.datafactory.model.run.RunRecord;

import java.util.Optional;

/** How a job delivery ended, in the terms the push contract needs. */
public sealed interface JobOutcome {

    /** Recorded with a final status (success, blocked, timed out, or a permanent failure): acknowledge. */
    record Recorded(RunRecord record) implements JobOutcome {
    }

    /** Its result already existed (a redelivery): acknowledge without scraping again. */
    record AlreadyDone(String resultKey, Optional<RunRecord> record) implements JobOutcome {
    }

    /** Nothing was recorded (browser crashed, engine shutting down): deliver again later. */
    record Retryable(String reason) implements JobOutcome {
    }
}
