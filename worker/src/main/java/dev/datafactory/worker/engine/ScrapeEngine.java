package dev.datafactory.worker.engine;

import com.microsoft.playwright.Playwright;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.CanaryEventSink;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunCancellation;
import dev.datafactory.model.run.RunStatus;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link JobRequest}s end to end in a real browser and records what happened: items, screenshots,
 * the run record and canary lines, all through the {@link ArtifactStore} and {@link CanaryEventSink}
 * ports. The same engine serves the worker service, {@code factory scrape} and the local factory.
 *
 * <p>Concurrency: {@code concurrency} browser threads, each with its own Playwright driver and its
 * own Chromium (Playwright for Java is not thread-safe), one context per job and one reused tab.
 * Measured on 2 cores (bench/scrape/RESULTS.md): one Chromium shared by several threads over CDP does
 * not scale past one thread (368 → 371 pages/min for 1 → 2 threads), while a browser per thread does
 * (454 → 563 in the bare loop) for ~170 MB more per thread; one thread owning one browser and
 * interleaving pages cannot overlap the synchronous API's blocking calls at all.
 */
public final class ScrapeEngine implements AutoCloseable {

    /** How often a running job looks for a cancel request: one small read per job per interval. */
    private static final Duration CANCEL_CHECK = Duration.ofSeconds(1);

    private final EngineConfig config;
    private final ArtifactStore store;
    private final CanaryEventSink sink;
    private final JobRecorder recorder;
    private final RunCancellation cancellation;
    private final LinkedBlockingQueue<PageTask> queue = new LinkedBlockingQueue<>();
    private final List<Thread> lanes = new ArrayList<>();
    private final Set<JobRun> active = ConcurrentHashMap.newKeySet();
    private volatile String browserVersion = "";
    private volatile boolean closing;

    private ScrapeEngine(EngineConfig config, ArtifactStore store, CanaryEventSink sink) {
        this.config = config;
        this.store = store;
        this.sink = sink;
        this.recorder = new JobRecorder(store, config);
        this.cancellation = new RunCancellation(store, config.clock());
    }

    /**
     * Starts the browser and the browser threads; returns once they are ready, so that a service
     * built on it can report ready honestly.
     */
    public static ScrapeEngine start(EngineConfig config, ArtifactStore store, CanaryEventSink sink) {
        Map<String, String> driverEnv = PlaywrightDriver.prepare(config.browser().executable().isPresent(),
                System.getenv());
        ScrapeEngine engine = new ScrapeEngine(config, store, sink);
        CountDownLatch started = new CountDownLatch(config.concurrency());
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        PageVisitor visitor = new PageVisitor(store, AddressGuard.system());
        for (int i = 0; i < config.concurrency(); i++) {
            Lane lane = new Lane(i, engine.queue, visitor, config.browser(), driverEnv,
                    v -> engine.browserVersion = v, failure -> {
                        if (failure != null) {
                            failures.add(failure);
                        }
                        started.countDown();
                    });
            Thread thread = new Thread(lane, "browser-" + i);
            thread.setDaemon(true);
            engine.lanes.add(thread);
            thread.start();
        }
        try {
            started.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failures.size() == config.concurrency()) {
            engine.close();
            throw new BrowserUnavailableException(failures.get(0).getMessage(), failures.get(0));
        }
        return engine;
    }

    public JobOutcome run(JobRequest job, ProgressListener listener) {
        return run(job, listener, Optional.empty());
    }

    /**
     * Runs one job on the calling thread's behalf (pages load on the browser threads) and returns
     * once it is recorded, or found already done, or known to need another delivery.
     *
     * @param trace Cloud Logging trace of the request that carried the job, put on every canary line
     */
    public JobOutcome run(JobRequest job, ProgressListener listener, Optional<String> trace) {
        JobIdentity id = JobIdentity.of(job);
        String resultKey = JobRecorder.resultKey(id);
        JobCanary canary = canary(id, trace);
        if (store.stat(resultKey).isPresent()) {
            return new JobOutcome.AlreadyDone(resultKey, recorder.existingOrRebuilt(id, canary));
        }
        if (closing) {
            return new JobOutcome.Retryable("the worker is shutting down");
        }
        if (cancellation.isRequested(id.runId())) {
            return recorder.record(new JobRecorder.Final(id, RunStatus.CANCELLED, BlockVerdict.clear(), List.of(), 0,
                    config.clock().instant(), EnvironmentFingerprint.unknown(config.environment()), List.of(),
                    Optional.of("run " + id.runId() + " was cancelled before this job started")), canary);
        }
        JobRun run = new JobRun(job, canary, listener, config.clock(), config.environment(),
                config.concurrency(), queue::add);
        active.add(run);
        try {
            canary.emit(Severity.INFO, "job started, attempt " + job.attempt() + ", " + job.spec().startUrls().size()
                    + " start URLs", CanaryDetail.step("start").withUrl(job.spec().startUrls().get(0)));
            run.start();
            run.awaitDone(() -> cancelRequested(id), CANCEL_CHECK);
            JobRun.Summary s = run.summary();
            if (s.crash().isPresent()) {
                canary.emit(Severity.ERROR, "job not recorded, to be delivered again: " + s.crash().get(),
                        CanaryDetail.step("crash"));
                return new JobOutcome.Retryable(s.crash().get());
            }
            return recorder.record(finalOf(id, run, s), canary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobOutcome.Retryable("interrupted");
        } finally {
            run.markFinished();
            active.remove(run);
        }
    }

    /**
     * Records a job that cannot run because its payload is invalid: a permanent failure, written
     * like any other outcome so that the operator sees it and the queue stops redelivering it.
     */
    public JobOutcome recordRejected(JobIdentity id, String reason) {
        String resultKey = JobRecorder.resultKey(id);
        if (store.stat(resultKey).isPresent()) {
            return new JobOutcome.AlreadyDone(resultKey, recorder.existingOrRebuilt(id, canary(id, Optional.empty())));
        }
        JobRecorder.Final f = new JobRecorder.Final(id, RunStatus.FAILED, BlockVerdict.clear(), List.of(), 0,
                config.clock().instant(), EnvironmentFingerprint.unknown(config.environment()), List.of(),
                Optional.of(reason));
        return recorder.record(f, canary(id, Optional.empty()));
    }

    private JobRecorder.Final finalOf(JobIdentity id, JobRun run, JobRun.Summary s) {
        RunStatus status;
        Optional<String> error;
        if (s.cancelled()) {
            status = RunStatus.CANCELLED;
            error = Optional.of("cancelled by an operator after " + s.pages() + " page(s); the items found so far"
                    + " are kept");
        } else if (s.blocked() > 0) {
            status = RunStatus.BLOCKED;
            error = Optional.of("blocked by " + String.join(", ", s.blockSignals()));
        } else if (s.deadlineHit() || s.timedOut() > 0) {
            status = RunStatus.TIMED_OUT;
            error = s.deadlineHit()
                    ? Optional.of("job time limit of " + run.spec().timeouts().jobMs() + " ms reached after "
                    + s.pages() + " pages; raise timeouts.jobMs or lower follow.maxPages")
                    : s.errors().stream().findFirst();
        } else if (s.failed() > 0) {
            status = RunStatus.FAILED;
            error = Optional.of(s.failed() + " of " + s.pages() + " pages failed; first: " + s.errors().get(0));
        } else {
            status = RunStatus.SUCCEEDED;
            error = Optional.empty();
        }
        BlockVerdict verdict = s.blocked() > 0 ? BlockVerdict.blockedBy(s.blockSignals()) : BlockVerdict.clear();
        return new JobRecorder.Final(id, status, verdict, s.items(), s.pages(), run.startedAt(),
                s.fingerprint().orElse(EnvironmentFingerprint.unknown(config.environment())), s.screenshots(), error);
    }

    /** A store that cannot be read right now does not cancel a job; the next check asks again. */
    private boolean cancelRequested(JobIdentity id) {
        try {
            return cancellation.isRequested(id.runId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private JobCanary canary(JobIdentity id, Optional<String> trace) {
        CanaryLabels labels = CanaryLabels.of(config.environment(), config.build().label())
                .forJob(id.runId(), id.jobId(), id.scheduleId());
        return new JobCanary(sink, labels, trace, config.clock());
    }

    public EngineConfig config() {
        return config;
    }

    /** The browser's version as the browser reports it (e.g. {@code 156.0.8078.108}); empty before first use. */
    public String browserVersion() {
        return browserVersion;
    }

    public static String playwrightVersion() {
        try (InputStream in = Playwright.class.getResourceAsStream(
                "/META-INF/maven/com.microsoft.playwright/playwright/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return Optional.ofNullable(Playwright.class.getPackage().getImplementationVersion()).orElse("unknown");
    }

    public int jobsInFlight() {
        return active.size();
    }

    /** Stops the browser threads and the browser; jobs still running end as retryable. */
    @Override
    public void close() {
        closing = true;
        active.forEach(r -> r.abort("the worker shut down before the job finished"));
        for (int i = 0; i < lanes.size(); i++) {
            queue.add(Lane.STOP);
        }
        for (Thread lane : lanes) {
            try {
                lane.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
