package dev.datafactory.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.worker.engine.JobIdentity;

import java.io.IOException;
import java.util.Locale;

/**
 * Turns a push message into a job, or into the identity of a job that must be recorded as
 * permanently failed: a valid envelope carrying an invalid job is poison, and retrying it would
 * only fill the dead-letter topic later.
 */
final class JobIntake {

    sealed interface Result {
    }

    record Valid(JobRequest job) implements Result {
    }

    record Invalid(JobIdentity identity, String reason) implements Result {
    }

    private JobIntake() {
    }

    static Result read(PushEnvelope envelope) {
        byte[] data = envelope.message().data();
        int delivery = envelope.deliveryAttempt().orElse(1);
        try {
            JobRequest job = JobRequestCodec.parse("message " + envelope.message().messageId(), data);
            return new Valid(job.withAttempt(Math.max(job.attempt(), delivery)));
        } catch (InvalidInputException e) {
            return new Invalid(identity(data, envelope, delivery), "invalid job: " + e.getMessage());
        }
    }

    /** Whatever ids the payload has that are safe to use as keys; the message id stands in for the rest. */
    private static JobIdentity identity(byte[] data, PushEnvelope envelope, int delivery) {
        JsonNode tree = null;
        try {
            tree = Json.mapper().readTree(data);
        } catch (IOException e) {
            // Not JSON at all: keep the fallbacks.
        }
        String fallback = "msg-" + envelope.message().messageId().replaceAll("[^A-Za-z0-9._-]", "-");
        String jobId = id(tree, "jobId", fallback.length() > 200 ? fallback.substring(0, 200) : fallback);
        String runId = id(tree, "runId", "unidentified");
        String scheduleId = id(tree, "scheduleId", "unidentified");
        Trigger trigger = Trigger.MANUAL;
        if (tree != null && tree.path("trigger").isTextual()) {
            String t = tree.path("trigger").asText().toUpperCase(Locale.ROOT);
            for (Trigger candidate : Trigger.values()) {
                if (candidate.name().equals(t)) {
                    trigger = candidate;
                }
            }
        }
        return new JobIdentity(jobId, runId, scheduleId, trigger, delivery);
    }

    private static String id(JsonNode tree, String field, String fallback) {
        if (tree != null && tree.path(field).isTextual()
                && JobRequestCodec.ID.matcher(tree.path(field).asText()).matches()) {
            return tree.path(field).asText();
        }
        return fallback;
    }
}
