package dev.datafactory.model.orchestrator;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.testing.Specs;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestratorTest {

    private final List<JobRequest> published = new ArrayList<>();
    private final Orchestrator orchestrator = new Orchestrator(job -> {
        published.add(job);
        return String.valueOf(published.size());
    }, Clock.fixed(Instant.parse("2026-03-01T09:00:01Z"), ZoneOffset.UTC));

    private final Schedule schedule = new Schedule("shop", "Shop", "0 9 * * *", "UTC", ScheduleState.ENABLED,
            Specs.demoProducts().withStartUrls(List.of("http://127.0.0.1:1/a", "http://127.0.0.1:1/b")),
            RetryPolicy.defaults(), Optional.empty(), Optional.empty());

    @Test
    void fansOutOneJobPerStartUrlWithIdsDerivedFromScheduleAndFireTime() {
        RunPlan plan = orchestrator.fire(schedule, Instant.parse("2026-03-01T09:00:00Z"), Trigger.SCHEDULE);

        assertThat(plan.runId()).isEqualTo("shop-20260301T090000Z");
        assertThat(published).hasSize(2);
        assertThat(published).extracting(j -> j.spec().startUrls()).containsExactly(
                List.of("http://127.0.0.1:1/a"), List.of("http://127.0.0.1:1/b"));
        assertThat(published).allSatisfy(j -> {
            assertThat(j.runId()).isEqualTo(plan.runId());
            assertThat(j.jobId()).startsWith(plan.runId() + "-");
            assertThat(j.attempt()).isEqualTo(1);
            assertThat(j.trigger()).isEqualTo(Trigger.SCHEDULE);
        });
        assertThat(published.get(0).jobId()).isNotEqualTo(published.get(1).jobId());
    }

    @Test
    void aDuplicateFiringYieldsTheSameRunAndJobIds() {
        RunPlan first = orchestrator.fire(schedule, Instant.parse("2026-03-01T09:00:00Z"), Trigger.SCHEDULE);
        RunPlan again = orchestrator.fire(schedule, Instant.parse("2026-03-01T09:00:00.400Z"), Trigger.SCHEDULE);

        assertThat(again.runId()).isEqualTo(first.runId());
        assertThat(again.jobs()).extracting(JobRequest::jobId)
                .containsExactlyElementsOf(first.jobs().stream().map(JobRequest::jobId).toList());
    }

    @Test
    void testScrapesAlwaysGetANewRun() {
        RunPlan a = orchestrator.test(Specs.demoProducts());
        RunPlan b = orchestrator.test(Specs.demoProducts());
        assertThat(a.runId()).startsWith("test-20260301T090001Z-").isNotEqualTo(b.runId());
        assertThat(a.jobs()).singleElement().satisfies(j -> {
            assertThat(j.trigger()).isEqualTo(Trigger.TEST);
            assertThat(j.scheduleId()).isEqualTo("adhoc");
        });
    }
}
