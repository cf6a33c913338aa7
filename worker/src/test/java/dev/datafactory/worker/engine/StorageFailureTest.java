package dev.datafactory.worker.engine;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.testing.MemoryArtifactStore;
import dev.datafactory.worker.testing.Jobs;
import dev.datafactory.worker.testing.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The artifact store failing in the middle of a job (a bucket that is briefly unreachable, a full
 * disk): nothing is lost and nothing is recorded twice. Real Chromium against pages on 127.0.0.1;
 * the store is the in-memory one behind a switch that refuses writes under a key prefix.
 */
class StorageFailureTest {

    /** Refuses the next {@code failures} writes whose key starts with {@code prefix}. */
    private static final class RefusingStore implements ArtifactStore {
        final MemoryArtifactStore inner = new MemoryArtifactStore();
        volatile String prefix = "";
        final AtomicInteger failures = new AtomicInteger();

        void refuse(String keyPrefix, int times) {
            prefix = keyPrefix;
            failures.set(times);
        }

        private void maybeRefuse(String key) {
            if (!prefix.isEmpty() && key.startsWith(prefix) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new BackendException(BackendException.Kind.UNAVAILABLE, "bucket unreachable while writing " + key);
            }
        }

        @Override
        public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
            maybeRefuse(key);
            inner.put(key, data, contentType, metadata);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
            maybeRefuse(key);
            return inner.putIfAbsent(key, data, contentType, metadata);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return inner.get(key);
        }

        @Override
        public Optional<ArtifactInfo> stat(String key) {
            return inner.stat(key);
        }

        @Override
        public List<ArtifactInfo> list(String prefix) {
            return inner.list(prefix);
        }
    }

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
        store.refuse("canary/", 1);

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
        store.refuse("runs/", 1);

        JobOutcome outcome = engine.run(job, ProgressListener.NONE);

        assertThat(outcome).isInstanceOf(JobOutcome.Recorded.class);
        assertThat(store.stat(recordKey(job))).isPresent();
    }

    @Test
    void aRunRecordLostAfterTheItemsWereStoredIsWrittenByTheNextDelivery() {
        JobRequest job = job();
        store.refuse("runs/", 3);

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
