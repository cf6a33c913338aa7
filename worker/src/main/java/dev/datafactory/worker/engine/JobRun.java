package dev.datafactory.worker.engine;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.spec.Follow;
import dev.datafactory.model.spec.ScrapeSpec;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The state of one job while it runs: its frontier of pages (depth, page cap, same-site rule,
 * de-duplication), the pages in flight on browser threads, and what they produced. Browser threads
 * report each page here; the thread that runs the job waits for {@link #awaitDone}.
 */
final class JobRun {

    private final JobRequest request;
    private final ScrapeSpec spec;
    private final JobCanary canary;
    private final ProgressListener listener;
    private final Clock clock;
    private final String environment;
    private final int parallelism;
    private final Consumer<PageTask> dispatch;
    private final Instant startedAt;
    private final long deadlineNanos;
    private final Optional<Pattern> extractPattern;
    private final Set<String> startHosts = new HashSet<>();
    private final AtomicInteger screenshotIndex = new AtomicInteger();
    private final AtomicBoolean fingerprintClaimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean finished;

    // Guarded by this.
    private final Deque<PageTask> frontier = new ArrayDeque<>();
    private final Set<String> seen = new HashSet<>();
    private final TreeMap<Integer, List<Map<String, Object>>> itemsBySeq = new TreeMap<>();
    private final List<String> screenshots = new ArrayList<>();
    private final Set<String> blockSignals = new LinkedHashSet<>();
    private final List<String> errors = new ArrayList<>();
    private Optional<EnvironmentFingerprint> fingerprint = Optional.empty();
    private Optional<String> crash = Optional.empty();
    private int nextSeq;
    private int inFlight;
    private int pagesDone;
    private int blocked;
    private int failed;
    private int timedOut;
    private int itemCount;
    private boolean stopped;
    private boolean deadlineHit;
    private boolean cancelled;

    JobRun(JobRequest request, JobCanary canary, ProgressListener listener, Clock clock,
           String environment, int parallelism, Consumer<PageTask> dispatch) {
        this.request = request;
        this.spec = request.spec();
        this.canary = canary;
        this.listener = listener;
        this.clock = clock;
        this.environment = environment;
        this.parallelism = Math.max(1, parallelism);
        this.dispatch = dispatch;
        this.startedAt = clock.instant();
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spec.timeouts().jobMs());
        this.extractPattern = spec.extract().urlPattern().map(Pattern::compile);
        for (String url : spec.startUrls()) {
            hostOf(url).ifPresent(startHosts::add);
        }
    }

    /** Seeds the frontier with the start URLs and dispatches the first pages. */
    void start() {
        synchronized (this) {
            for (String url : spec.startUrls()) {
                enqueue(url, 0);
            }
        }
        report();
        pump();
    }

    JobRequest request() {
        return request;
    }

    ScrapeSpec spec() {
        return spec;
    }

    JobCanary canary() {
        return canary;
    }

    Clock clock() {
        return clock;
    }

    String environment() {
        return environment;
    }

    Instant startedAt() {
        return startedAt;
    }

    long remainingMs() {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    boolean matchesExtract(String url) {
        return extractPattern.map(p -> p.matcher(url).find()).orElse(true);
    }

    /** The first page to get here reads the environment fingerprint; later pages skip the round trip. */
    boolean claimFingerprint() {
        return fingerprintClaimed.compareAndSet(false, true);
    }

    String nextScreenshotKey(String step) {
        return ArtifactKeys.screenshot(request.scheduleId(), request.runId(), request.jobId(),
                screenshotIndex.incrementAndGet(), step);
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    /** True once the job's outcome is decided; browser threads then close its contexts. */
    boolean isFinished() {
        return finished;
    }

    void markFinished() {
        finished = true;
    }

    /** Called on a browser thread when one page is done. */
    void onPageDone(PageTask task, PageResult result) {
        synchronized (this) {
            inFlight--;
            if (result.kind() != PageResult.Kind.SKIPPED && result.kind() != PageResult.Kind.CRASHED
                    && result.kind() != PageResult.Kind.STORE_FAILED) {
                pagesDone++;
            }
            screenshots.addAll(result.screenshots());
            if (fingerprint.isEmpty()) {
                fingerprint = result.fingerprint();
            }
            switch (result.kind()) {
                case OK -> {
                    if (!result.items().isEmpty()) {
                        itemsBySeq.put(task.seq(), result.items());
                        itemCount += result.items().size();
                    }
                    for (String link : result.links()) {
                        enqueue(link, task.depth() + 1);
                    }
                }
                case BLOCKED -> {
                    blocked++;
                    blockSignals.addAll(result.blockSignals());
                    // A site that blocks us is not crawled further: more requests only dig the hole deeper.
                    stopped = true;
                    frontier.clear();
                }
                case TIMED_OUT -> {
                    timedOut++;
                    result.error().ifPresent(errors::add);
                }
                case FAILED -> {
                    failed++;
                    result.error().ifPresent(errors::add);
                }
                case CRASHED -> {
                    crash = result.error().or(() -> Optional.of("the browser crashed"));
                    stopped = true;
                    frontier.clear();
                }
                case STORE_FAILED -> {
                    crash = result.error().or(() -> Optional.of("the artifact store refused a write"));
                    stopped = true;
                    frontier.clear();
                }
                case SKIPPED -> {
                    // nothing happened
                }
            }
            if (inFlight == 0 && (frontier.isEmpty() || stopped)) {
                done.countDown();
            }
        }
        report();
        pump();
    }

    /** Ends the job now as retryable (the engine is shutting down); pages in flight are abandoned. */
    void abort(String reason) {
        synchronized (this) {
            crash = Optional.of(reason);
            stopped = true;
            frontier.clear();
        }
        done.countDown();
    }

    /**
     * Waits until every page is done, the job's time is up, or {@code cancelRequested} says an operator
     * cancelled the run (asked every {@code checkEvery}); then stops the job and waits for the pages in
     * flight, so that what they produced is kept.
     */
    void awaitDone(BooleanSupplier cancelRequested, Duration checkEvery) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, remainingMs()) + 250);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stopEarly(false);
                // Pages in flight had their timeouts capped at the deadline; give their screenshots a moment.
                awaitInFlight("pages still loading after the job time limit; abandoned", "timeout");
                return;
            }
            if (done.await(Math.min(left, checkEvery.toNanos()), TimeUnit.NANOSECONDS)) {
                return;
            }
            if (cancelRequested.getAsBoolean()) {
                stopEarly(true);
                canary.emit(Severity.NOTICE, "cancel requested by an operator; finishing the pages in flight",
                        CanaryDetail.step("cancel"));
                awaitInFlight("pages still loading after the cancel request; abandoned", "cancel");
                return;
            }
        }
    }

    private synchronized void stopEarly(boolean byCancel) {
        stopped = true;
        if (byCancel) {
            cancelled = true;
        } else {
            deadlineHit = true;
        }
        frontier.clear();
        if (inFlight == 0) {
            done.countDown();
        }
    }

    private void awaitInFlight(String abandoned, String step) throws InterruptedException {
        if (!done.await(15, TimeUnit.SECONDS)) {
            canary.emit(Severity.WARNING, abandoned, CanaryDetail.step(step));
        }
    }

    /** Moves pages from the frontier to browser threads, up to this job's parallelism. */
    private void pump() {
        List<PageTask> ready = new ArrayList<>();
        synchronized (this) {
            while (!stopped && inFlight < parallelism && !frontier.isEmpty()) {
                ready.add(frontier.poll());
                inFlight++;
            }
        }
        ready.forEach(dispatch);
    }

    private void enqueue(String url, int depth) {
        Optional<String> normalized = normalize(url);
        if (normalized.isEmpty() || stopped) {
            return;
        }
        String key = normalized.get();
        Optional<Follow> follow = spec.follow();
        if (depth > 0) {
            if (follow.isEmpty() || depth > follow.get().maxDepth()) {
                return;
            }
            if (follow.get().sameSite() && hostOf(key).filter(startHosts::contains).isEmpty()) {
                return;
            }
            if (seen.size() >= follow.get().maxPages()) {
                return;
            }
        }
        if (seen.add(key)) {
            frontier.add(new PageTask(this, key, depth, nextSeq++));
        }
    }

    /** URLs that differ only in their fragment are the same page. */
    static Optional<String> normalize(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            URI clean = new URI(scheme, uri.getRawUserInfo() == null ? null : uri.getUserInfo(),
                    uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
                    uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), null);
            return Optional.of(clean.toString());
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> hostOf(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void report() {
        ScrapeProgress progress;
        synchronized (this) {
            progress = new ScrapeProgress(request.jobId(), pagesDone, frontier.size() + inFlight, blocked,
                    failed + timedOut, itemCount, Duration.between(startedAt, clock.instant()));
        }
        listener.onProgress(progress);
    }

    /** What the job produced, once {@link #awaitDone} returned. */
    synchronized Summary summary() {
        List<Map<String, Object>> items = new ArrayList<>();
        itemsBySeq.values().forEach(items::addAll);
        List<String> shots = new ArrayList<>(screenshots);
        shots.sort(Comparator.naturalOrder());
        return new Summary(items, pagesDone, blocked, failed, timedOut, deadlineHit, cancelled,
                List.copyOf(blockSignals), shots, List.copyOf(errors), fingerprint, crash);
    }

    record Summary(List<Map<String, Object>> items, int pages, int blocked, int failed, int timedOut,
                   boolean deadlineHit, boolean cancelled, List<String> blockSignals, List<String> screenshots, List<String> errors,
                   Optional<EnvironmentFingerprint> fingerprint, Optional<String> crash) {
    }
}
