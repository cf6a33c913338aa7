package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.fixtures.MemoryCanaryLogs;
import dev.datafactory.console.fixtures.MemoryRunHistory;
import dev.datafactory.console.fixtures.NoSchedules;
import dev.datafactory.console.fixtures.Pngs;
import dev.datafactory.console.runs.SampleRuns;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
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
        ConsoleBackend backend = new ConsoleBackend("local", dir.toString(), new NoSchedules(), job -> {
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
    void cancelWritesTheRunsCancelRequestAndFollowsUntilTheWorkerRecordsWhatItKept() {
        model.setSpecText(SPEC);
        model.run();
        JobRequest job = published.get(0);

        model.cancel();

        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLING);
        assertThat(artifacts.get(ArtifactKeys.cancelRequest(job.runId()))).as("the request workers look for")
                .isPresent();
        assertThat(model.statusProperty().get()).contains("Cancel requested for run " + job.runId());
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(logs.openTails()).as("still following").isEqualTo(1);

        // The worker stops between pages and records the job CANCELLED with what it had.
        String resultKey = ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId());
        artifacts.put(resultKey, "{\"title\":\"Red mug\"}\n".getBytes(StandardCharsets.UTF_8), "application/x-ndjson",
                Map.of());
        RunRecord done = finished(job, resultKey);
        runs.add(new RunRecord(done.runId(), done.jobId(), done.scheduleId(), done.trigger(), 1, RunStatus.CANCELLED,
                done.verdict(), 1, 3, done.startedAt(), done.finishedAt(), done.build(), done.environment(),
                done.fingerprint(), List.of(), Optional.of(resultKey),
                Optional.of("cancelled by an operator after 3 page(s)")));
        model.poll();

        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLED);
        assertThat(model.statusProperty().get()).startsWith("Run " + job.runId() + " cancelled: 1 item(s) kept");
        assertThat(model.itemsProperty().get().rows()).extracting(r -> r.get("title")).containsExactly("Red mug");
        assertThat(logs.openTails()).isZero();
        assertThat(model.canRunProperty().get()).isTrue();
    }

    @Test
    void cancellingTwiceStopsFollowingAndLeavesTheRequestInPlace() {
        model.setSpecText(SPEC);
        model.run();
        JobRequest job = published.get(0);
        model.cancel();

        model.cancel();

        assertThat(model.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLED);
        assertThat(logs.openTails()).isZero();
        assertThat(model.statusProperty().get()).startsWith("Stopped following run").contains("cancel request stays");
        assertThat(artifacts.get(ArtifactKeys.cancelRequest(job.runId()))).isPresent();
        assertThat(model.canRunProperty().get()).isTrue();
        logs.write(event(job, Severity.INFO, "late line"));
        model.poll();
        assertThat(model.lines()).isEmpty();
    }

    /** A backend whose publish lets the operator press Cancel {@code presses} times while it is in flight. */
    private TestScrapeViewModel cancelledWhilePublishing(int presses) {
        TestScrapeViewModel[] self = new TestScrapeViewModel[1];
        ConsoleBackend slow = new ConsoleBackend("local", dir.toString(), new NoSchedules(), job -> {
            for (int i = 0; i < presses; i++) {
                self[0].cancel();
            }
            published.add(job);
            return "m-" + published.size();
        }, logs, artifacts, runs, () -> { });
        self[0] = new TestScrapeViewModel(List.of(RunTarget.of(slow)), new SameThreadTaskExecutor(), clock);
        self[0].setSpecText(SPEC);
        self[0].run();
        return self[0];
    }

    @Test
    void cancelPressedWhileThePublishIsInFlightIsRequestedOnceTheRunIdIsKnown() {
        TestScrapeViewModel cancelled = cancelledWhilePublishing(1);

        String runId = published.get(0).runId();
        assertThat(artifacts.get(ArtifactKeys.cancelRequest(runId))).isPresent();
        assertThat(cancelled.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLING);
        assertThat(logs.openTails()).as("followed until the worker records it").isEqualTo(1);
        cancelled.close();
    }

    @Test
    void cancelPressedTwiceWhileThePublishIsInFlightStillCancelsTheRunButDoesNotFollowIt() {
        TestScrapeViewModel cancelled = cancelledWhilePublishing(2);

        String runId = published.get(0).runId();
        assertThat(artifacts.get(ArtifactKeys.cancelRequest(runId))).isPresent();
        assertThat(cancelled.stateProperty().get()).isEqualTo(TestScrapeState.CANCELLED);
        assertThat(logs.openTails()).isZero();
        assertThat(cancelled.statusProperty().get()).contains("was published and its cancel request written");
    }

    @Test
    void theChosenTargetGetsTheJobAndTheCancelNotTheConsolesOwnBackend(@TempDir Path cloudDir) {
        List<JobRequest> cloudPublished = new ArrayList<>();
        FileArtifactStore cloudArtifacts = new FileArtifactStore(cloudDir, false);
        MemoryCanaryLogs cloudLogs = new MemoryCanaryLogs();
        ConsoleBackend cloud = new ConsoleBackend("gcp", "project shop-prod (europe-west1)", new NoSchedules(), job -> {
            cloudPublished.add(job);
            return "pubsub-" + cloudPublished.size();
        }, cloudLogs, cloudArtifacts, new MemoryRunHistory(), () -> { });
        ConsoleBackend local = new ConsoleBackend("local", dir.toString(), new NoSchedules(), job -> {
            published.add(job);
            return "m-" + published.size();
        }, logs, artifacts, runs, () -> { });
        TestScrapeViewModel both = new TestScrapeViewModel(List.of(RunTarget.of(local), RunTarget.of(cloud)),
                new SameThreadTaskExecutor(), clock);
        assertThat(both.targets()).extracting(RunTarget::label).containsExactly("Local worker · " + dir,
                "Cloud worker · project shop-prod (europe-west1)");
        both.setSpecText(SPEC);

        both.setTarget(both.targets().get(1));
        both.run();
        both.cancel();

        assertThat(published).isEmpty();
        assertThat(cloudPublished).singleElement().extracting(JobRequest::trigger).isEqualTo(Trigger.TEST);
        String runId = cloudPublished.get(0).runId();
        assertThat(cloudLogs.openTails()).isEqualTo(1);
        assertThat(logs.openTails()).isZero();
        assertThat(cloudArtifacts.get(ArtifactKeys.cancelRequest(runId))).isPresent();
        assertThat(artifacts.get(ArtifactKeys.cancelRequest(runId))).isEmpty();
        both.close();
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
}
