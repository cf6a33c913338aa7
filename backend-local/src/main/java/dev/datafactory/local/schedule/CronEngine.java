package dev.datafactory.local.schedule;

import dev.datafactory.local.logs.FactoryEvents;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.orchestrator.RunPlan;
import dev.datafactory.model.schedule.CronSchedule;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires schedules: on every tick, each enabled schedule whose latest slot (in its own time zone,
 * see {@link CronSchedule}) lies after its last firing fires once, through the shared
 * {@link Orchestrator}. After downtime that means the latest missed slot fires once, not every
 * missed slot; the log says how many were skipped.
 *
 * <p>The engine reads the schedules table on every tick, so edits from any process take effect
 * without a restart. Run it only while holding the {@link EngineLock}.
 */
public final class CronEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CronEngine.class);
    /** A slot fired this much after its time is reported as late; the tick itself takes a moment. */
    private static final Duration LATE = Duration.ofSeconds(30);
    /** Counting missed slots stops here; "more than N" is enough for a log line. */
    private static final int MAX_COUNTED = 10_000;

    private final LocalScheduleService schedules;
    private final Orchestrator orchestrator;
    private final Clock clock;
    private final FactoryEvents events;
    private final Duration tickInterval;
    private final AtomicReference<Firing> lastFiring = new AtomicReference<>();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    public CronEngine(LocalScheduleService schedules, Orchestrator orchestrator, Clock clock, FactoryEvents events,
                      Duration tickInterval) {
        this.schedules = schedules;
        this.orchestrator = orchestrator;
        this.clock = clock;
        this.events = events;
        this.tickInterval = tickInterval;
    }

    /** The most recent firing of this engine, for status lines. */
    public Optional<Firing> lastFiring() {
        return Optional.ofNullable(lastFiring.get());
    }

    /** One pass over all schedules; returns what fired. Public so tests drive it with their own clock. */
    public List<Firing> tick() {
        Instant now = clock.instant();
        List<Firing> fired = new ArrayList<>();
        for (LocalScheduleService.Row row : schedules.rows()) {
            Schedule s = row.schedule();
            if (s.state() != ScheduleState.ENABLED) {
                continue;
            }
            try {
                fireIfDue(row, now).ifPresent(fired::add);
            } catch (RuntimeException e) {
                // One broken schedule (or a full disk) must not stop the others from firing.
                LOG.error("Schedule {} could not fire: {}", s.id(), e.toString());
                events.emit(Severity.ERROR, "Schedule " + s.id() + " could not fire: " + e.getMessage(), "", "", s.id());
            }
        }
        return fired;
    }

    private Optional<Firing> fireIfDue(LocalScheduleService.Row row, Instant now) {
        Schedule s = row.schedule();
        CronSchedule cron = s.cronSchedule();
        Instant after = row.firesAfter();
        Optional<FireTime> due = cron.latestBetween(after, now, s.zone());
        if (due.isEmpty()) {
            return Optional.empty();
        }
        FireTime slot = due.get();
        int missed = countSlots(cron, s, after, slot.instant()) - 1;
        RunPlan plan = orchestrator.fire(s, slot.instant(), Trigger.SCHEDULE);
        schedules.recordFiring(s.id(), slot.instant(), now);
        Firing firing = new Firing(s.id(), slot, plan.runId(), plan.jobs().size(), missed);
        lastFiring.set(firing);
        if (missed > 0 || Duration.between(slot.instant(), now).compareTo(LATE) > 0) {
            String text = "Schedule " + s.id() + " missed " + (missed >= MAX_COUNTED - 1 ? "more than " : "")
                    + missed + " slot(s) while the factory was not running; fired the latest, " + slot.slot()
                    + " " + s.timeZone() + " (" + slot.instant() + "), once as run " + plan.runId();
            LOG.info(text);
            events.emit(Severity.NOTICE, text, plan.runId(), "", s.id());
        }
        String dst = slot.dstEffect() == FireTime.DstEffect.NONE ? ""
                : " (" + slot.dstEffect().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        events.emit(Severity.INFO, "Schedule " + s.id() + " fired for " + slot.slot() + " " + s.timeZone() + dst
                + ": run " + plan.runId() + " with " + plan.jobs().size() + " job(s)", plan.runId(), "", s.id());
        return Optional.of(firing);
    }

    private static int countSlots(CronSchedule cron, Schedule s, Instant after, Instant upTo) {
        int n = 0;
        Instant cursor = after;
        while (n < MAX_COUNTED) {
            Optional<FireTime> next = cron.next(cursor, s.zone());
            if (next.isEmpty() || next.get().instant().isAfter(upTo)) {
                break;
            }
            n++;
            cursor = next.get().instant();
        }
        return n;
    }

    /** Ticks on a background thread until closed. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "cron-engine");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("Cron engine pass failed, retrying in {} ms: {}", tickInterval.toMillis(), e.toString());
            }
            try {
                // Waits on a latch, not Thread.sleep + interrupt: an interrupt would close the file
                // channels a firing is writing to (canary log) and fail that firing.
                if (stopped.await(tickInterval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        stopped.countDown();
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
