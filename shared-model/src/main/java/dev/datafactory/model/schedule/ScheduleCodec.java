package dev.datafactory.model.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problems;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads schedules strictly (operators write them) and writes them as JSON. */
public final class ScheduleCodec {

    /** Cloud Scheduler job ids allow letters, digits, '-' and '_'; we keep to lower case. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private ScheduleCodec() {
    }

    public static Schedule parse(String source, String json) {
        JsonNode tree = Json.parseTree(source, json);
        Problems p = new Problems();
        Schedule schedule = StrictObject.root(tree, p).map(ScheduleCodec::read).orElse(null);
        p.throwIfAny(source);
        return schedule;
    }

    public static String toJson(Schedule schedule) {
        return Json.writePretty(schedule);
    }

    public static Schedule read(StrictObject o) {
        Problems p = o.problems();
        String id = o.requiredString("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            p.add(o.path("id"), "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or"
                    + " digit; was \"" + id + "\"");
        }
        String name = o.string("name", id);
        if (name.isBlank() && !id.isEmpty()) {
            p.add(o.path("name"), "must not be empty");
        }
        String cron = o.requiredString("cron");
        if (o.has("cron")) {
            checkCron(cron, o.path("cron"), p);
        }
        String timeZone = o.string("timeZone", "UTC");
        ScrapeSpecCodec.checkZone(timeZone, o.path("timeZone"), p);
        String stateText = o.string("state", "ENABLED");
        ScheduleState state = ScheduleState.ENABLED;
        try {
            state = ScheduleState.valueOf(stateText);
        } catch (IllegalArgumentException e) {
            p.add(o.path("state"), "must be ENABLED or PAUSED; was \"" + stateText + "\"");
        }
        ScrapeSpec template = o.object("template").map(ScrapeSpecCodec::read).orElse(null);
        if (template == null && !o.has("template")) {
            p.add(o.path("template"), "is required: the scrape spec each firing runs");
        }
        RetryPolicy retry = o.object("retry").map(r -> {
            int max = r.integer("maxAttempts", 5, 1, 100);
            int min = r.integer("minBackoffSeconds", 10, 1, 3600);
            int maxBackoff = r.integer("maxBackoffSeconds", 600, 1, 86_400);
            if (maxBackoff < min) {
                p.add(r.path("maxBackoffSeconds"), "must be at least minBackoffSeconds (" + min + ")");
            }
            r.finish();
            return new RetryPolicy(max, min, maxBackoff);
        }).orElse(RetryPolicy.defaults());
        Optional<Instant> last = instant(o, "lastFireTime");
        Optional<Instant> next = instant(o, "nextFireTime");
        o.finish();
        return new Schedule(id, name, cron, timeZone, state, template, retry, last, next);
    }

    /** Validates a cron expression, adding a problem under {@code path} instead of throwing. */
    public static void checkCron(String cron, String path, Problems problems) {
        try {
            CronSchedule.parse(cron, path);
        } catch (InvalidInputException e) {
            e.problems().forEach(pr -> problems.add(pr.path(), pr.reason()));
        }
    }

    private static Optional<Instant> instant(StrictObject o, String field) {
        return o.optionalString(field).flatMap(text -> {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                o.problems().add(o.path(field), "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
                return Optional.empty();
            }
        });
    }
}
