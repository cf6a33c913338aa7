package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.fixtures.MemoryCanaryLogs;
import dev.datafactory.console.fixtures.MemoryRunHistory;
import dev.datafactory.console.fixtures.Pngs;
import dev.datafactory.console.runs.SampleRuns;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.ScheduleService;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TestScrapeViewModelTest {

    private static final String SPEC = """
            {"name": "demo", "startUrls": ["http://127.0.0.1:8931/"],
             "extract": {"fields": {"title": {"selector": "h1"}}}, "allowHosts": ["127.0.0.1"]}
            """;

    @TempDir
    Path dir;

    private final MemoryCanaryLogs logs = new MemoryCanaryLogs();
    private final MemoryRunHistory runs = new MemoryRunHistory();
    private final List<JobRequest> published = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private FileArtifactStore artifacts;
    private TestScrapeViewModel model;

    @BeforeEach
    void setUp() {
        artifacts = new FileArtifactStore(dir, false);
        ConsoleBackend backend = new ConsoleBackend("local", dir.toString(), noSchedules(), job -> {
            published.add(job);
            return "m-" + published.size();
        }, logs, artifacts, runs, () -> { });
        model = new TestScrapeViewModel(List.of(RunTarget.of(backend)), new SameThreadTaskExecutor(), clock);
    }

    @Test
    void anEmptyEditorIsNotCalledValidAndStatesReadAsWords() {
        assertThat(model.specHintProperty().get()).startsWith("No spec yet");
        assertThat(model.canRunProperty().get()).isFalse();
        model.setSpecText(SPEC);
        assertThat(model.specHintProperty().get()).isEqualTo("The spec is valid.");
        model.setSpecText("  ");
        assertThat(model.specHintProperty().get()).startsWith("No spec yet");
        assertThat(TestScrapeState.IDLE.label()).isEqualTo("Ready");
        assertThat(TestScrapeState.RUNNING.label()).isEqualTo("Running…");
    }

    @Test
    void everyProblemOfTheSpecIsListedWithItsPath() {
        model.setSpecText("""
                {"name": "demo", "startUrls": ["ftp://x"], "timeouts": {"navigationMs": 5}, "colour": 1}""");

        assertThat(model.problems()).extracting(Problem::path)
                .contains("startUrls[0]", "timeouts.navigationMs", "colour");
        assertThat(model.canRunProperty().get()).isFalse();

        model.setSpecText("{\"name\": ");
        assertThat(model.problems()).singleElement().extracting(Problem::reason).asString()
                .contains("not valid JSON");

        model.setSpecText(SPEC);
        assertThat(model.problems()).isEmpty();
        assertThat(model.canRunProperty().get()).isTrue();
    }

    @Test
    void publishesATestJobThenShowsLinesScreenshotsVerdictAndItemsAsTheyArrive() {
        model.setSpecText(SPEC);
        model.run();

        assertThat(published).singleElement().satisfies(job -> {
            assertThat(job.trigger()).isEqualTo(Trigger.TEST);
            assertThat(job.spec().name()).isEqualTo("demo");
        });
        JobRequest job = published.get(0);
        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.RUNNING);
        assertThat(model.runIdProperty().get()).isEqualTo(job.runId()).startsWith("test-20260301T100000Z-");
        assertThat(model.progressProperty().get()).isEqualTo(-1);

        // The worker starts: a line on the tail, then a screenshot in the store.
        logs.write(event(job, Severity.INFO, "navigating to http://127.0.0.1:8931/"));
        String shotKey = ArtifactKeys.screenshot(job.scheduleId(), job.runId(), job.jobId(), 0, "loaded");
        artifacts.put(shotKey, Pngs.page(40, 30, 0, 0, 0, 0), "image/png", Map.of());
        model.poll();
        assertThat(model.lines()).extracting(CanaryEvent::message).containsExactly("navigating to http://127.0.0.1:8931/");
        assertThat(model.screenshots()).extracting(Screenshot::key).containsExactly(shotKey);
        assertThat(model.screenshots().get(0).step()).isEqualTo("loaded");
        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.RUNNING);

        // The worker finishes: results, then the run record.
        String resultKey = ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId());
        artifacts.put(resultKey, ("{\"title\":\"Red mug\",\"url\":\"http://127.0.0.1:8931/p/1\",\"runId\":\"r\"}\n"
                + "{\"title\":\"Blue mug\",\"url\":\"http://127.0.0.1:8931/p/2\",\"runId\":\"r\"}\n")
                .getBytes(StandardCharsets.UTF_8), "application/x-ndjson", Map.of());
        logs.write(event(job, Severity.NOTICE, "job finished: 2 items"));
        runs.add(finished(job, resultKey));
        model.poll();

        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.FINISHED);
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.lines()).extracting(CanaryEvent::message).endsWith("job finished: 2 items");
        assertThat(model.verdictProperty().get()).isEqualTo("SUCCEEDED · clear");
        assertThat(model.fingerprint()).contains(Map.entry("host", "local"));
        assertThat(model.itemsProperty().get().columns()).containsExactly("title", "url", "runId");
        assertThat(model.itemsProperty().get().rows()).extracting(r -> r.get("title"))
                .containsExactly("Red mug", "Blue mug");
        assertThat(logs.openTails()).isZero();
        assertThat(model.statusProperty().get()).contains("finished: 12 item(s)");
    }

    @Test
    void linesWrittenBeforeTheTailStartedAreNotLostNorDoubled() {
        model.setSpecText(SPEC);
        model.run();
        JobRequest job = published.get(0);
        assertThat(model.lines()).isEmpty();

        logs.write(event(job, Severity.INFO, "one"));
        model.poll();
        model.poll();
        assertThat(model.lines()).extracting(CanaryEvent::message).containsExactly("one");
    }

    @Test
    void cancelStopsFollowingAndAllowsAnotherRun() {
        model.setSpecText(SPEC);
        model.run();
        assertThat(logs.openTails()).isEqualTo(1);

        model.cancel();

        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLED);
        assertThat(logs.openTails()).isZero();
        assertThat(model.statusProperty().get()).startsWith("Stopped following run");
        assertThat(model.canRunProperty().get()).isTrue();
        logs.write(event(published.get(0), Severity.INFO, "late line"));
        model.poll();
        assertThat(model.lines()).isEmpty();
    }

    @Test
    void aScheduleTemplateBecomesTheEditedSpec() {
        var template = dev.datafactory.model.spec.ScrapeSpecCodec.parse("t", SPEC).withName("from-schedule");
        model.useTemplate(new Schedule("shop", "Shop", "0 6 * * *", "UTC",
                dev.datafactory.model.schedule.ScheduleState.ENABLED, template,
                dev.datafactory.model.schedule.RetryPolicy.defaults(), Optional.empty(), Optional.empty()));

        assertThat(model.specTextProperty().get()).contains("\"from-schedule\"");
        assertThat(model.spec()).map(s -> s.name()).contains("from-schedule");
    }

    private static CanaryEvent event(JobRequest job, Severity severity, String message) {
        return CanaryEvent.of(severity, message, Instant.now(),
                new CanaryLabels(job.runId(), job.jobId(), job.scheduleId(), "local", "abc1234"));
    }

    private static RunRecord finished(JobRequest job, String resultKey) {
        RunRecord sample = SampleRuns.record(job.runId(), job.scheduleId(), RunStatus.SUCCEEDED,
                Instant.parse("2026-03-01T10:00:01Z"), "local");
        return new RunRecord(job.runId(), job.jobId(), job.scheduleId(), Trigger.TEST, 1, sample.status(),
                sample.verdict(), sample.items(), sample.pages(), sample.startedAt(), sample.finishedAt(),
                sample.build(), sample.environment(), sample.fingerprint(), List.of(), Optional.of(resultKey),
                Optional.empty());
    }

    private static ScheduleService noSchedules() {
        return new ScheduleService() {
            @Override
            public List<Schedule> list() {
                return List.of();
            }

            @Override
            public Optional<Schedule> get(String id) {
                return Optional.empty();
            }

            @Override
            public Schedule create(Schedule schedule) {
                throw new UnsupportedOperationException("not used by test scrape");
            }

            @Override
            public Schedule update(Schedule schedule) {
                throw new UnsupportedOperationException("not used by test scrape");
            }

            @Override
            public void delete(String id) {
                throw new UnsupportedOperationException("not used by test scrape");
            }

            @Override
            public Schedule pause(String id) {
                throw new UnsupportedOperationException("not used by test scrape");
            }

            @Override
            public Schedule resume(String id) {
                throw new UnsupportedOperationException("not used by test scrape");
            }

            @Override
            public String runNow(String id) {
                throw new UnsupportedOperationException("not used by test scrape");
            }
        };
    }
}
