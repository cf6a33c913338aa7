package dev.datafactory.local.schedule;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.queue.QueuedJob;
import dev.datafactory.local.support.Factories;
import dev.datafactory.local.support.MutableClock;
import dev.datafactory.local.support.Schedules;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CronEngineTest {

    @TempDir
    Path dir;

    private static CronEngine engine(LocalFactory f, MutableClock clock) {
        return new CronEngine(f.schedules(), f.orchestrator(), clock, f.events(), Duration.ofSeconds(1));
    }

    /** Ticks every {@code step} from now to {@code end}, as the engine thread would, and collects the firings. */
    private static List<Firing> run(CronEngine engine, MutableClock clock, Instant end, Duration step) {
        List<Firing> fired = new ArrayList<>();
        while (clock.instant().isBefore(end)) {
            clock.advance(step);
            fired.addAll(engine.tick());
        }
        return fired;
    }

    private static List<Instant> instants(List<Firing> firings) {
        return firings.stream().map(f -> f.slot().instant()).toList();
    }

    @Test
    void firesInBerlinTimeAcrossSpringForwardAndFallBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-27T12:00:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            f.schedules().create(Schedules.schedule("berlin", "30 2 * * *", "Europe/Berlin"));
            CronEngine engine = engine(f, clock);

            List<Firing> spring = run(engine, clock, Instant.parse("2026-03-31T00:00:00Z"), Duration.ofMinutes(10));
            // 02:30 CET = 01:30Z; on 29 March 02:30 does not exist and fires shifted by the gap, 03:30 CEST;
            // from then on 02:30 CEST = 00:30Z.
            assertThat(instants(spring)).containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
                    Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
            assertThat(spring.get(1).slot().dstEffect()).isEqualTo(FireTime.DstEffect.SHIFTED_BY_GAP);

            clock.set(Instant.parse("2026-10-23T12:00:00Z"));
            f.schedules().update(f.schedules().get("berlin").orElseThrow().withState(ScheduleState.PAUSED));
            f.schedules().resume("berlin");
            List<Firing> autumn = run(engine, clock, Instant.parse("2026-10-27T00:00:00Z"), Duration.ofMinutes(10));
            // 25 October: 02:30 happens twice (CEST, then CET); it fires once, at the first.
            assertThat(instants(autumn)).containsExactly(Instant.parse("2026-10-24T00:30:00Z"),
                    Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
            assertThat(autumn.get(1).slot().dstEffect()).isEqualTo(FireTime.DstEffect.REPEATED_ONCE);
            assertThat(f.queue().counts().queued()).isEqualTo(6);
        }
    }

    @Test
    void firesInNewYorkTimeAcrossBothChanges() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-06T12:00:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            f.schedules().create(Schedules.schedule("nine", "0 9 * * *", "America/New_York"));
            f.schedules().create(Schedules.schedule("early", "30 1 * * *", "America/New_York"));
            CronEngine engine = engine(f, clock);

            List<Firing> spring = run(engine, clock, Instant.parse("2026-03-10T00:00:00Z"), Duration.ofMinutes(15));
            assertThat(instants(spring.stream().filter(x -> x.scheduleId().equals("nine")).toList())).containsExactly(
                    Instant.parse("2026-03-06T14:00:00Z"), Instant.parse("2026-03-07T14:00:00Z"),
                    Instant.parse("2026-03-08T13:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"));

            clock.set(Instant.parse("2026-10-31T00:00:00Z"));
            f.schedules().pause("early");
            f.schedules().resume("early");
            f.schedules().pause("nine");
            List<Firing> autumn = run(engine, clock, Instant.parse("2026-11-03T00:00:00Z"), Duration.ofMinutes(15));
            // 1 November: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z); only the first fires.
            assertThat(instants(autumn)).containsExactly(Instant.parse("2026-10-31T05:30:00Z"),
                    Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
        }
    }

    @Test
    void pauseSkipsSlotsResumeDoesNotOweThemAndRunNowFiresOutOfTurn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T09:50:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            f.schedules().create(Schedules.schedule("hourly", "0 * * * *", "UTC"));
            CronEngine engine = engine(f, clock);

            assertThat(instants(run(engine, clock, Instant.parse("2026-05-04T10:05:00Z"), Duration.ofMinutes(5))))
                    .containsExactly(Instant.parse("2026-05-04T10:00:00Z"));

            Schedule paused = f.schedules().pause("hourly");
            assertThat(paused.state()).isEqualTo(ScheduleState.PAUSED);
            assertThat(paused.nextFireTime()).isEmpty();
            assertThat(run(engine, clock, Instant.parse("2026-05-04T12:30:00Z"), Duration.ofMinutes(5))).isEmpty();

            String manual = f.schedules().runNow("hourly");
            assertThat(manual).isEqualTo("hourly-20260504T123000Z");
            List<JobRequest> manualJobs = f.queue().jobs(QueuedJob.State.QUEUED, 100).stream()
                    .filter(j -> j.runId().equals(manual)).map(j -> f.queue().request(j.jobId()).orElseThrow()).toList();
            assertThat(manualJobs).singleElement().extracting(JobRequest::trigger).isEqualTo(Trigger.MANUAL);

            Schedule resumed = f.schedules().resume("hourly");
            assertThat(resumed.nextFireTime()).hasValue(Instant.parse("2026-05-04T13:00:00Z"));
            assertThat(run(engine, clock, Instant.parse("2026-05-04T12:55:00Z"), Duration.ofMinutes(5)))
                    .as("slots missed while paused are not owed").isEmpty();
            assertThat(instants(run(engine, clock, Instant.parse("2026-05-04T13:05:00Z"), Duration.ofMinutes(5))))
                    .containsExactly(Instant.parse("2026-05-04T13:00:00Z"));
        }
    }

    @Test
    void aMissedSlotFiresOnceAfterRestartAndTheLogSaysSo() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:05:00Z"));
        try (LocalFactory first = Factories.open(dir, clock)) {
            first.schedules().create(Schedules.schedule("hourly", "0 * * * *", "UTC"));
            CronEngine engine = engine(first, clock);
            assertThat(instants(run(engine, clock, Instant.parse("2026-05-04T11:10:00Z"), Duration.ofMinutes(5))))
                    .containsExactly(Instant.parse("2026-05-04T11:00:00Z"));
        }

        // Down from 11:10 to 16:20: the slots 12:00 .. 16:00 were missed.
        clock.set(Instant.parse("2026-05-04T16:20:00Z"));
        try (LocalFactory second = Factories.open(dir, clock)) {
            CronEngine engine = engine(second, clock);
            List<Firing> fired = engine.tick();

            assertThat(fired).singleElement().satisfies(x -> {
                assertThat(x.slot().instant()).isEqualTo(Instant.parse("2026-05-04T16:00:00Z"));
                assertThat(x.missedSlots()).isEqualTo(4);
            });
            assertThat(engine.tick()).isEmpty();
            assertThat(run(engine, clock, Instant.parse("2026-05-04T16:55:00Z"), Duration.ofMinutes(5))).isEmpty();
            assertThat(second.queue().counts().queued()).isEqualTo(2);
            assertThat(second.logs().query(LogQuery.all().withSchedule("hourly").withMinSeverity(Severity.NOTICE)))
                    .extracting(CanaryEvent::message).singleElement().asString()
                    .contains("missed 4 slot(s)", "fired the latest", "once");
        }
    }

    @Test
    void editsTakeEffectWithoutRestartEvenFromAnotherProcess() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:02:00Z"));
        try (LocalFactory engineSide = Factories.open(dir, clock);
             LocalFactory cliSide = Factories.open(dir, clock)) {
            engineSide.schedules().create(Schedules.schedule("s", "0 * * * *", "UTC"));
            CronEngine engine = engine(engineSide, clock);
            assertThat(run(engine, clock, Instant.parse("2026-05-04T10:12:00Z"), Duration.ofMinutes(1))).isEmpty();

            Schedule edited = cliSide.schedules().update(Schedules.schedule("s", "*/5 * * * *", "UTC"));
            assertThat(edited.nextFireTime()).hasValue(Instant.parse("2026-05-04T10:15:00Z"));

            assertThat(instants(run(engine, clock, Instant.parse("2026-05-04T10:21:00Z"), Duration.ofMinutes(1))))
                    .containsExactly(Instant.parse("2026-05-04T10:15:00Z"), Instant.parse("2026-05-04T10:20:00Z"));

            cliSide.schedules().delete("s");
            assertThat(run(engine, clock, Instant.parse("2026-05-04T10:40:00Z"), Duration.ofMinutes(1))).isEmpty();
        }
    }

    @Test
    void aDuplicateFiringOfTheSameSlotAddsNoJobs() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:02:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            Schedule s = f.schedules().create(Schedules.schedule("dup", "0 * * * *", "UTC",
                    Schedules.urls(3), 5));
            Instant slot = Instant.parse("2026-05-04T10:00:00Z");
            var first = f.orchestrator().fire(s, slot, Trigger.SCHEDULE);
            var again = f.orchestrator().fire(s, slot, Trigger.SCHEDULE);

            assertThat(again.runId()).isEqualTo(first.runId());
            assertThat(f.queue().counts().queued()).isEqualTo(3);
        }
    }

    @Test
    void onlyOneProcessRunsTheEngineOthersStillReadAndEdit() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:02:00Z"));
        var settings = dev.datafactory.local.queue.DispatcherSettings.defaults(java.net.URI.create(
                "http://127.0.0.1:9/pubsub/push"));
        try (LocalFactory a = Factories.open(dir, clock); LocalFactory b = Factories.open(dir, clock)) {
            try (LocalFactory.Engine running = a.startEngine(settings, () -> "t")) {
                assertThat(running.cron()).isNotNull();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.startEngine(settings, () -> "t"))
                        .isInstanceOfSatisfying(dev.datafactory.model.ports.BackendException.class, e -> {
                            assertThat(e.kind()).isEqualTo(dev.datafactory.model.ports.BackendException.Kind.FAILED_PRECONDITION);
                            assertThat(e.getMessage()).contains("already running", "process " + ProcessHandle.current().pid());
                        });
                b.schedules().create(Schedules.schedule("edited-elsewhere", "0 * * * *", "UTC"));
                assertThat(a.schedules().get("edited-elsewhere")).isPresent();
            }
            try (LocalFactory.Engine now = b.startEngine(settings, () -> "t")) {
                assertThat(now.dispatcher()).isNotNull();
            }
        }
    }
}
