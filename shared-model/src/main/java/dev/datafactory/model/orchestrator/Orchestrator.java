package dev.datafactory.model.orchestrator;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.JobPublisher;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.spec.ScrapeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Turns a firing into jobs; the one implementation behind the local cron engine and the cloud
 * orchestrator function. Ids are derived, not random: the same schedule firing at the same time
 * yields the same run id and the same job ids, so a duplicate firing creates no duplicate run
 * (the queue and the worker both treat the job id as the idempotency key).
 */
public final class Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final JobPublisher publisher;
    private final Clock clock;

    public Orchestrator(JobPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Plans without publishing: what {@link #fire} would send. */
    public RunPlan plan(Schedule schedule, Instant fireTime, Trigger trigger) {
        String runId = runId(schedule.id(), fireTime);
        return new RunPlan(runId, jobs(runId, schedule.id(), trigger, schedule.template()));
    }

    /** Plans and publishes every job of the firing. */
    public RunPlan fire(Schedule schedule, Instant fireTime, Trigger trigger) {
        RunPlan plan = plan(schedule, fireTime, trigger);
        plan.jobs().forEach(publisher::publish);
        LOG.info("Schedule {} fired for {}: run {} with {} job(s)", schedule.id(), fireTime, plan.runId(),
                plan.jobs().size());
        return plan;
    }

    /** A one-off test scrape of a spec, outside any schedule: always a new run. */
    public RunPlan test(ScrapeSpec spec) {
        String runId = "test-" + RUN_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
        RunPlan plan = new RunPlan(runId, jobs(runId, "adhoc", Trigger.TEST, spec));
        plan.jobs().forEach(publisher::publish);
        return plan;
    }

    private List<JobRequest> jobs(String runId, String scheduleId, Trigger trigger, ScrapeSpec spec) {
        List<JobRequest> jobs = new ArrayList<>();
        Instant now = clock.instant();
        for (String url : spec.startUrls()) {
            jobs.add(new JobRequest(jobId(runId, url), runId, scheduleId, trigger, 1,
                    spec.withStartUrls(List.of(url)), now));
        }
        return jobs;
    }

    public static String runId(String scheduleId, Instant fireTime) {
        return scheduleId + "-" + RUN_TIME.format(fireTime.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Stable per run and start URL, whatever the order of the start URLs. */
    public static String jobId(String runId, String startUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(startUrl.getBytes(StandardCharsets.UTF_8));
            return runId + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
