package dev.datafactory.model.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.model.validation.Problems;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Reads and writes {@link JobRequest}s: the payload of a Pub/Sub message. */
public final class JobRequestCodec {

    /** Ids end up in object keys and log labels: keep them to a safe alphabet. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private JobRequestCodec() {
    }

    public static byte[] toBytes(JobRequest job) {
        return Json.write(job).getBytes(StandardCharsets.UTF_8);
    }

    public static JobRequest parse(String source, byte[] json) {
        return parse(source, new String(json, StandardCharsets.UTF_8));
    }

    public static JobRequest parse(String source, String json) {
        JsonNode tree = Json.parseTree(source, json);
        Problems p = new Problems();
        JobRequest job = StrictObject.root(tree, p).map(JobRequestCodec::read).orElse(null);
        p.throwIfAny(source);
        return job;
    }

    public static JobRequest read(StrictObject o) {
        Problems p = o.problems();
        String jobId = id(o, "jobId");
        String runId = id(o, "runId");
        String scheduleId = id(o, "scheduleId");
        String triggerText = o.requiredString("trigger");
        Trigger trigger = Arrays.stream(Trigger.values()).filter(t -> t.name().equals(triggerText)).findFirst()
                .orElseGet(() -> {
                    if (!triggerText.isEmpty()) {
                        p.add(o.path("trigger"), "must be one of SCHEDULE, MANUAL, TEST; was \"" + triggerText + "\"");
                    }
                    return Trigger.MANUAL;
                });
        int attempt = o.integer("attempt", 1, 1, 1000);
        ScrapeSpec spec = o.object("spec").map(ScrapeSpecCodec::read).orElse(null);
        if (spec == null && !o.has("spec")) {
            p.add(o.path("spec"), "is required");
        }
        Instant requestedAt = Instant.EPOCH;
        String at = o.requiredString("requestedAt");
        if (!at.isEmpty()) {
            try {
                requestedAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                p.add(o.path("requestedAt"), "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
            }
        }
        o.finish();
        return new JobRequest(jobId, runId, scheduleId, trigger, attempt, spec, requestedAt);
    }

    private static String id(StrictObject o, String field) {
        String value = o.requiredString(field);
        if (!value.isEmpty() && !ID.matcher(value).matches()) {
            o.problems().add(o.path(field), "must be 1-200 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit; was \"" + value + "\"");
        }
        return value;
    }
}
