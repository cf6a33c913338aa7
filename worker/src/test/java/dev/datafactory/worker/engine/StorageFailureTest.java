package dev.datafactory.worker.engine;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.worker.testing.Jobs;
import dev.datafactory.worker.testing.RefusingStore;
import dev.datafactory.worker.testing.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The artifact store failing in the middle of a job (a bucket that is briefly unreachable, a full
 * disk): nothing is lost and nothing is recorded twice. Real Chromium against pages on 127.0.0.1;
 * the store is the in-memory one behind a switch that refuses writes of chosen keys.
 */
class StorageFailureTest {

    private static TestSite site;
    private static RefusingStore store;
    private static Jobs.Events events;
    private static ScrapeEngine engine;

    @BeforeAll
    static void start() {
        site = new TestSite();
        site.page("/product", "<html><body><h1>Red mug</h1><span class='price'>12.50</span></body></html>");
        store = new RefusingStore();
        events = new Jobs.Events();
        engine = ScrapeEngine.start(new EngineConfig(1, BrowserSettings.discover(System.getenv()), "test",
                BuildInfo.current(), Clock.systemUTC()), store, events);
    }

    @AfterAll
    static void stop() {
        engine.close();
        site.close();
    }

    private JobRequest job() {
        return Jobs.job("""
                {"name": "mug", "startUrls": ["%s"], "extract": {"fields": {"title": {"selector": "h1"}}},
                 "screenshots": {"when": "always"}, "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/product")));
    }

    private static String resultKey(JobRequest job) {
        return ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId());
    }

    private static String recordKey(JobRequest job) {
        return ArtifactKeys.runRecord(job.runId(), job.jobId());
    }

    @Test
    void aScreenshotThatCannotBeStoredLeavesTheJobUnrecordedForTheNextDelivery() {
        JobRequest job = job();
        store.refuse(key -> key.startsWith("canary/"), 1);

        JobOutcome first = engine.run(job, ProgressListener.NONE);

        assertThat(first).isInstanceOfSatisfying(JobOutcome.Retryable.class, r -> assertThat(r.reason())
                .startsWith("writing canary/").contains("bucket unreachable"));
        assertThat(store.stat(resultKey(job))).as("no items recorded").isEmpty();
        assertThat(store.stat(recordKey(job))).isEmpty();
        assertThat(events.forJob(job.jobId())).anySatisfy(e -> {
            assertThat(e.severity()).isEqualTo(Severity.ERROR);
            assertThat(e.message()).startsWith("job not recorded, to be delivered again: writing canary/");
        });

        JobOutcome second = engine.run(job, ProgressListener.NONE);

        assertThat(second).isInstanceOfSatisfying(JobOutcome.Recorded.class, r -> {
            assertThat(r.record().status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.record().items()).isEqualTo(1);
            assertThat(r.record().screenshots()).singleElement().satisfies(k -> assertThat(store.stat(k)).isPresent());
        });
    }

    @Test
    void aRunRecordWriteThatFailsOnceIsRetriedWithinTheDelivery() {
        JobRequest job = job();
        store.refuse(key -> key.startsWith("runs/"), 1);

        JobOutcome outcome = engine.run(job, ProgressListener.NONE);

        assertThat(outcome).isInstanceOf(JobOutcome.Recorded.class);
        assertThat(store.stat(recordKey(job))).isPresent();
    }

    @Test
    void aRunRecordLostAfterTheItemsWereStoredIsWrittenByTheNextDelivery() {
        JobRequest job = job();
        store.refuse(key -> key.startsWith("runs/"), 3);

        JobOutcome first = engine.run(job, ProgressListener.NONE);

        assertThat(first).isInstanceOfSatisfying(JobOutcome.Retryable.class, r -> assertThat(r.reason())
                .startsWith("run record " + recordKey(job) + " could not be written"));
        assertThat(store.stat(resultKey(job))).as("the items stand").isPresent();
        assertThat(store.stat(recordKey(job))).isEmpty();
        long loads = site.requestsOf("/product");

        JobOutcome again = engine.run(job, ProgressListener.NONE);

        assertThat(again).isInstanceOfSatisfying(JobOutcome.AlreadyDone.class, done ->
                assertThat(done.record()).hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
                    assertThat(r.items()).isEqualTo(1);
                    assertThat(r.pages()).isEqualTo(1);
                    assertThat(r.screenshots()).hasSize(1);
                    assertThat(r.resultKey()).contains(resultKey(job));
                    assertThat(r.duration()).isPositive();
                }));
        RunRecord stored = dev.datafactory.model.run.RunRecordCodec.parse(store.get(recordKey(job)).orElseThrow());
        assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events.forJob(job.jobId())).anySatisfy(e -> assertThat(e.message())
                .startsWith("run record written from the stored results"));
        assertThat(site.requestsOf("/product")).as("the redelivery does not scrape again").isEqualTo(loads);
    }
}
