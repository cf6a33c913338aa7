package dev.datafactory.gcp.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problems;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a Cloud Scheduler job of ours carries to the orchestrator (HTTP body or Pub/Sub data): the
 * whole schedule as operators wrote it, under a marker, so that listing jobs round-trips the
 * template and the orchestrator needs nothing else to fan out. The job's own fields (cron, time
 * zone, state) stay authoritative when they differ, e.g. after an edit in the Cloud console.
 */
public final class ScheduleBody {

    /** The marker field; its value is the body format's version. */
    public static final String MARKER = "datafactorySchedule";
    public static final int VERSION = 1;

    private ScheduleBody() {
    }

    public static byte[] write(Schedule schedule) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put(MARKER, VERSION);
        JsonNode tree = Json.mapper().valueToTree(
                schedule.withTimes(Optional.empty(), Optional.empty()).withState(ScheduleState.ENABLED));
        ObjectNode scheduleNode = (ObjectNode) tree;
        scheduleNode.remove("lastFireTime");
        scheduleNode.remove("nextFireTime");
        scheduleNode.remove("state");
        root.set("schedule", scheduleNode);
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a body is one of ours at all (other jobs in the same location are not schedules). */
    public static boolean isOurs(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            JsonNode tree = Json.mapper().readTree(body);
            return tree != null && tree.path(MARKER).isInt();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Reads a body strictly; problems are reported under {@code source}, paths as in a schedule file. */
    public static Schedule read(String source, byte[] body) {
        JsonNode tree = Json.parseTree(source, new String(body, StandardCharsets.UTF_8));
        Problems p = new Problems();
        if (tree.path(MARKER).asInt(-1) != VERSION) {
            throw InvalidInputException.of(source, MARKER, "must be " + VERSION + ": this body was not written by"
                    + " Data Factory, or by an incompatible version");
        }
        Schedule schedule = StrictObject.of(tree.get("schedule"), "schedule", p).map(ScheduleCodec::read).orElse(null);
        p.throwIfAny(source);
        return schedule;
    }
}
