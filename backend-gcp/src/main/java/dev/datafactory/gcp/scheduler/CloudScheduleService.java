package dev.datafactory.gcp.scheduler;

import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.Job;
import com.google.protobuf.FieldMask;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.ScheduleService;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.validation.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Schedules as Cloud Scheduler jobs in one project and region. "Run now" fans out through the
 * shared {@link Orchestrator} directly (trigger MANUAL, a run id to show the operator) instead of
 * Cloud Scheduler's RunJob, which reports no run id and would be recorded as a timed firing.
 */
public final class CloudScheduleService implements ScheduleService {

    private static final Logger LOG = LoggerFactory.getLogger(CloudScheduleService.class);
    private static final FieldMask UPDATABLE = FieldMask.newBuilder().addPaths("description").addPaths("schedule")
            .addPaths("time_zone").addPaths("retry_config").addPaths("http_target").addPaths("pubsub_target").build();

    private final CloudSchedulerClient client;
    private final JobMapping mapping;
    private final Orchestrator orchestrator;
    private final Clock clock;

    public CloudScheduleService(CloudSchedulerClient client, JobMapping mapping, Orchestrator orchestrator, Clock clock) {
        this.client = client;
        this.mapping = mapping;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    @Override
    public List<Schedule> list() {
        List<Schedule> out = new ArrayList<>();
        call("listing schedules (Cloud Scheduler jobs in " + mapping.parent() + ")", () -> {
            for (Job job : client.listJobs(mapping.parent()).iterateAll()) {
                readable(job).ifPresent(out::add);
            }
            return null;
        });
        out.sort(Comparator.comparing(Schedule::id));
        return out;
    }

    @Override
    public Optional<Schedule> get(String id) {
        try {
            return call("reading schedule " + id, () -> mapping.fromJob(client.getJob(mapping.jobName(id))));
        } catch (BackendException e) {
            if (e.kind() == BackendException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Schedule create(Schedule schedule) {
        Schedule valid = validate(schedule);
        Job created = call("creating schedule " + valid.id() + " (Cloud Scheduler job " + mapping.jobName(valid.id())
                + ")", () -> client.createJob(mapping.parent(), mapping.toJob(valid)));
        if (valid.state() == ScheduleState.PAUSED) {
            String name = created.getName();
            created = call("pausing new schedule " + valid.id(), () -> client.pauseJob(name));
        }
        return toSchedule(created);
    }

    @Override
    public Schedule update(Schedule schedule) {
        Schedule valid = validate(schedule);
        requireOurs(valid.id());
        Job updated = call("updating schedule " + valid.id() + " (Cloud Scheduler job " + mapping.jobName(valid.id())
                + ")", () -> client.updateJob(mapping.toJob(valid), UPDATABLE));
        boolean enabled = updated.getState() == Job.State.ENABLED;
        if (valid.state() == ScheduleState.PAUSED && enabled) {
            updated = call("pausing schedule " + valid.id(), () -> client.pauseJob(mapping.jobName(valid.id())));
        } else if (valid.state() == ScheduleState.ENABLED && !enabled) {
            updated = call("resuming schedule " + valid.id(), () -> client.resumeJob(mapping.jobName(valid.id())));
        }
        return toSchedule(updated);
    }

    @Override
    public void delete(String id) {
        requireOurs(id);
        call("deleting schedule " + id + " (Cloud Scheduler job " + mapping.jobName(id) + ")", () -> {
            client.deleteJob(mapping.jobName(id));
            return null;
        });
    }

    @Override
    public Schedule pause(String id) {
        requireOurs(id);
        return toSchedule(call("pausing schedule " + id + " (Cloud Scheduler job " + mapping.jobName(id) + ")",
                () -> client.pauseJob(mapping.jobName(id))));
    }

    @Override
    public Schedule resume(String id) {
        requireOurs(id);
        return toSchedule(call("resuming schedule " + id + " (Cloud Scheduler job " + mapping.jobName(id) + ")",
                () -> client.resumeJob(mapping.jobName(id))));
    }

    @Override
    public String runNow(String id) {
        Schedule schedule = get(id).orElseThrow(() -> new BackendException(BackendException.Kind.NOT_FOUND,
                "Schedule " + id + " does not exist in " + mapping.parent() + "; `factory schedule list` shows the"
                        + " ids there are."));
        return orchestrator.fire(schedule, clock.instant(), Trigger.MANUAL).runId();
    }

    /**
     * The last firing's outcome as Cloud Scheduler recorded it; empty when it never fired. Not part
     * of the port: the local engine's equivalent is the run history.
     */
    public Optional<LastAttempt> lastAttempt(String id) {
        Job job = call("reading schedule " + id + " (Cloud Scheduler job " + mapping.jobName(id) + ")",
                () -> client.getJob(mapping.jobName(id)));
        if (!job.hasLastAttemptTime()) {
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(job.getLastAttemptTime().getSeconds(), job.getLastAttemptTime().getNanos());
        boolean ok = !job.hasStatus() || job.getStatus().getCode() == 0;
        Optional<String> failure = ok ? Optional.empty() : Optional.of(io.grpc.Status.fromCodeValue(
                job.getStatus().getCode()).getCode() + (job.getStatus().getMessage().isEmpty() ? ""
                : ": " + job.getStatus().getMessage()));
        return Optional.of(new LastAttempt(time, ok, failure));
    }

    /** The same strict rules as a schedule file: every problem with its field path. */
    static Schedule validate(Schedule schedule) {
        String source = "schedule " + (schedule.id() == null || schedule.id().isEmpty() ? "(no id)" : schedule.id());
        if (schedule.template() == null) {
            throw InvalidInputException.of(source, "template", "is required: the scrape spec each firing runs");
        }
        Schedule parsed = ScheduleCodec.parse(source, ScheduleCodec.toJson(schedule));
        return parsed.withTimes(Optional.empty(), Optional.empty());
    }

    /** Other tools' jobs may share the location: never change or delete one of them. */
    private void requireOurs(String id) {
        Job job = call("reading schedule " + id + " (Cloud Scheduler job " + mapping.jobName(id) + ")",
                () -> client.getJob(mapping.jobName(id)));
        toSchedule(job);
    }

    private Schedule toSchedule(Job job) {
        return mapping.fromJob(job).orElseThrow(() -> new BackendException(BackendException.Kind.FAILED_PRECONDITION,
                "Cloud Scheduler job " + job.getName() + " was not written by Data Factory (its body has no "
                        + ScheduleBody.MARKER + "); pick another schedule id or delete that job."));
    }

    private Optional<Schedule> readable(Job job) {
        try {
            return mapping.fromJob(job);
        } catch (InvalidInputException e) {
            LOG.warn("Skipping Cloud Scheduler job {}: {}", job.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidInputException | BackendException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GcpErrors.map(operation, e);
        }
    }
}
