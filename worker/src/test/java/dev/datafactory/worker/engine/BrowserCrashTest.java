package dev.datafactory.worker.engine;

import dev.datafactory.model.testing.Await;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.testing.MemoryArtifactStore;
import dev.datafactory.worker.testing.Jobs;
import dev.datafactory.worker.testing.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser dies under a job: that job is retryable and unrecorded, the next one gets a new browser. */
class BrowserCrashTest {

    private static TestSite site;
    private static MemoryArtifactStore store;
    private static ScrapeEngine engine;
    /** Browsers of earlier test classes in this JVM may still be exiting; they are not this engine's. */
    private static java.util.Set<Long> foreign;

    @BeforeAll
    static void start() {
        foreign = new java.util.HashSet<>();
        browserProcesses().forEach(p -> foreign.add(p.pid()));
        site = new TestSite();
        store = new MemoryArtifactStore();
        BrowserSettings browser = BrowserSettings.discover(System.getenv()).withRecycleAfterJobs(3);
        engine = ScrapeEngine.start(new EngineConfig(1, browser, "test", BuildInfo.current(), Clock.systemUTC()),
                store, new Jobs.Events());
        site.page("/ok", "<html><body><h1>fine</h1></body></html>");
        site.page("/hang", "<html><body><p>waiting forever</p></body></html>");
    }

    @AfterAll
    static void stop() {
        engine.close();
        site.close();
    }

    /**
     * Chromium's browser process: the descendant of this JVM that Playwright started with its DevTools
     * pipe and no {@code --type=} flag (renderers, zygotes and helpers have one).
     */
    private static List<ProcessHandle> browserProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("--remote-debugging-pipe")
                        && Arrays.stream(a).noneMatch(x -> x.startsWith("--type="))).orElse(false))
                .filter(p -> foreign == null || !foreign.contains(p.pid()))
                .toList();
    }

    private static JobRequest job(String path) {
        return Jobs.job("""
                {"name": "crash", "startUrls": ["%s"], "extract": {"waitFor": "h1",
                 "fields": {"t": {"selector": "h1"}}}, "timeouts": {"navigationMs": 20000, "jobMs": 30000},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url(path)));
    }

    @Test
    void killedBrowserFailsTheJobRetryablyAndTheNextJobGetsAFreshBrowser() throws Exception {
        assertThat(engine.run(job("/ok"), ProgressListener.NONE)).isInstanceOf(JobOutcome.Recorded.class);

        JobRequest doomed = job("/hang");
        CompletableFuture<JobOutcome> running = CompletableFuture.supplyAsync(
                () -> engine.run(doomed, ProgressListener.NONE));
        Await.until(Duration.ofSeconds(10), () -> site.requestsOf("/hang") > 0);
        Thread.sleep(200);
        // The browser the doomed job is loading in (looked up now: a recycle may have just replaced it).
        List<ProcessHandle> before = browserProcesses();
        assertThat(before).hasSize(1);
        before.get(0).destroyForcibly();

        JobOutcome outcome = running.get();
        assertThat(outcome).isInstanceOfSatisfying(JobOutcome.Retryable.class,
                r -> assertThat(r.reason()).contains("crash"));
        assertThat(store.stat(ArtifactKeys.results(doomed.scheduleId(), doomed.runId(), doomed.jobId()))).isEmpty();
        assertThat(store.stat(ArtifactKeys.runRecord(doomed.runId(), doomed.jobId()))).isEmpty();

        JobOutcome next = engine.run(job("/ok"), ProgressListener.NONE);
        assertThat(next).isInstanceOfSatisfying(JobOutcome.Recorded.class,
                r -> assertThat(r.record().status()).isEqualTo(RunStatus.SUCCEEDED));
        List<ProcessHandle> after = browserProcesses();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).pid()).isNotEqualTo(before.get(0).pid());
    }

    @Test
    void browserIsRecycledAfterItsJobQuota() {
        // The quota is 3 jobs; whatever ran before, within 4 more jobs the browser process must change.
        long first = browserPid();
        boolean changed = false;
        for (int i = 0; i < 4 && !changed; i++) {
            assertThat(engine.run(job("/ok"), ProgressListener.NONE)).isInstanceOf(JobOutcome.Recorded.class);
            changed = browserPid() != first;
        }
        assertThat(changed).isTrue();
        assertThat(browserProcesses()).hasSize(1);
    }

    private static long browserPid() {
        List<ProcessHandle> browsers = browserProcesses();
        assertThat(browsers).hasSize(1);
        return browsers.get(0).pid();
    }
}
