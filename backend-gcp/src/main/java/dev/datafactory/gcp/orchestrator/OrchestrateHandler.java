package dev.datafactory.gcp.orchestrator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.gcp.scheduler.ScheduleBody;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.orchestrator.RunPlan;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.validation.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What Cloud Scheduler's call to the orchestrator does, independent of the HTTP host (Functions
 * Framework, the worker's {@code /orchestrate}): verify the caller, read the schedule from the
 * job's body, fan the firing out through the shared {@link Orchestrator}. Status codes follow what
 * Cloud Scheduler retries: 2xx done, 5xx/503 retried, 4xx not.
 */
public final class OrchestrateHandler {

    /** Cloud Scheduler sends the slot being fired, so retries of one firing share one run id. */
    public static final String SCHEDULE_TIME_HEADER = "X-CloudScheduler-ScheduleTime";

    private static final Logger LOG = LoggerFactory.getLogger(OrchestrateHandler.class);

    /** Status and JSON body of the reply. */
    public record Reply(int status, String json) {
    }

    private final OidcVerifier verifier;
    private final Orchestrator orchestrator;
    private final Clock clock;

    public OrchestrateHandler(OidcVerifier verifier, Orchestrator orchestrator, Clock clock) {
        this.verifier = verifier;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    public Reply handle(String method, Optional<String> authorization, Optional<String> scheduleTime, byte[] body) {
        if (!method.equals("POST")) {
            return error(405, "use POST");
        }
        String caller;
        try {
            caller = verifier.verify(authorization);
        } catch (OidcVerifier.Rejected e) {
            LOG.info("Orchestrate refused ({}): {}", e.status(), e.getMessage());
            return error(e.status(), e.getMessage());
        }
        Schedule schedule;
        try {
            schedule = ScheduleBody.read("orchestrate request body", body);
        } catch (InvalidInputException e) {
            return error(400, e.getMessage());
        }
        Instant fireTime;
        try {
            fireTime = scheduleTime.map(Instant::parse).orElseGet(clock::instant);
        } catch (DateTimeParseException e) {
            return error(400, SCHEDULE_TIME_HEADER + " is not an RFC 3339 time: " + scheduleTime.orElse(""));
        }
        try {
            RunPlan plan = orchestrator.fire(schedule, fireTime, Trigger.SCHEDULE);
            LOG.info("Orchestrated {} for {} (caller {}): run {}, {} job(s)", schedule.id(), fireTime, caller,
                    plan.runId(), plan.jobs().size());
            ObjectNode ok = JsonNodeFactory.instance.objectNode().put("runId", plan.runId())
                    .put("jobs", plan.jobs().size());
            return new Reply(200, Json.write(ok));
        } catch (BackendException e) {
            // Publishing failed part-way: job ids are derived from the firing, so a retry by Cloud
            // Scheduler republishes the same ids and the worker drops duplicates.
            int status = e.kind() == BackendException.Kind.UNAVAILABLE ? 503 : 500;
            LOG.error("Orchestrating {} failed: {}", schedule.id(), e.getMessage());
            return error(status, e.getMessage());
        }
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Json.write(JsonNodeFactory.instance.objectNode().put("error", message)));
    }
}
