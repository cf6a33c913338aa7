package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.TaskBuilder;
import dev.datafactory.console.common.TaskExecutor;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.orchestrator.RunPlan;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import dev.datafactory.model.run.RunCancellation;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A one-off test scrape: edit a spec (validated as typed, every problem with its JSON path), publish
 * it as a TEST run on the chosen target's queue, then follow the run: canary lines from the log tail,
 * screenshots and run records from the artifact store as they arrive, until every job has reported.
 * The view calls {@link #poll()} twice a second while a run is followed.
 */
public final class TestScrapeViewModel {

    public static final int PREVIEW_ROWS = 500;
    /** Beyond the spec's own job timeout, how long to wait for a record before telling the operator. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final TaskExecutor tasks;
    private final Clock clock;

    private final ObservableList<RunTarget> targets = FXCollections.observableArrayList();
    // One read-only wrapper per list for all callers: a fresh wrapper per call would lose its listeners
    // when collected.
    private final ObservableList<RunTarget> targetsReadOnly = FXCollections.unmodifiableObservableList(targets);
    private final ReadOnlyObjectWrapper<RunTarget> target = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Schedule> templates = FXCollections.observableArrayList();
    private final ObservableList<Schedule> templatesReadOnly = FXCollections.unmodifiableObservableList(templates);
    private final ReadOnlyStringWrapper specText = new ReadOnlyStringWrapper("");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper specHint = new ReadOnlyStringWrapper(NO_SPEC_YET);
    private final ObservableList<Problem> problemsReadOnly = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyObjectWrapper<TestScrapeState> state = new ReadOnlyObjectWrapper<>(TestScrapeState.IDLE);
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Pick a template or open a spec file.");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper();
    private final ObservableList<CanaryEvent> lines = FXCollections.observableArrayList();
    private final ObservableList<CanaryEvent> linesReadOnly = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<Screenshot> screenshots = FXCollections.observableArrayList();
    private final ObservableList<Screenshot> screenshotsReadOnly = FXCollections.unmodifiableObservableList(screenshots);
    private final ObservableList<Map.Entry<String, String>> fingerprint = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, String>> fingerprintReadOnly = FXCollections.unmodifiableObservableList(fingerprint);
    private final ReadOnlyObjectWrapper<ItemPreview> items = new ReadOnlyObjectWrapper<>(ItemPreview.empty());

    private static final String NO_SPEC_YET = "No spec yet: pick a schedule's template or open a spec file.";

    private ScrapeSpec spec;
    private Following following;
    /** Cancel was pressed while the job was being published: request it once the run id is known. */
    private boolean cancelRequested;

    /** What is being followed; replaced (never reused) by each run, so a late answer of an old run is ignored. */
    private static final class Following {
        final RunPlan plan;
        final RunTarget target;
        final Instant started;
        final Queue<CanaryEvent> arrived = new ConcurrentLinkedQueue<>();
        final Set<CanaryEvent> seen = new HashSet<>();
        final Set<String> screenshotKeys = new HashSet<>();
        final Map<String, RunRecord> records = new LinkedHashMap<>();
        volatile String tailError;
        LogTail tail;
        boolean historyLoaded;
        boolean polling;
        boolean warnedSlow;

        Following(RunPlan plan, RunTarget target, Instant started) {
            this.plan = plan;
            this.target = target;
            this.started = started;
        }
    }

    /** What one poll found, gathered off the FX thread. */
    private record Poll(List<CanaryEvent> history, List<Screenshot> newScreenshots, List<RunRecord> records,
                       ItemPreview items) {
    }

    public TestScrapeViewModel(List<RunTarget> runTargets, TaskExecutor tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
        targets.setAll(runTargets);
        target.set(runTargets.isEmpty() ? null : runTargets.get(0));
        state.addListener((o, a, b) -> updateCanRun());
    }

    /** The templates come from the console's own backend (the first target), wherever the scrape will run. */
    public void loadTemplates() {
        if (targets.isEmpty()) {
            return;
        }
        RunTarget t = targets.get(0);
        tasks.task("Loading schedules", ctx -> t.backend().schedules().list())
                .onSuccess(templates::setAll)
                .onError(e -> status.set("Could not load the schedules' templates: " + UserMessages.describe(e)))
                .start();
    }

    public void useTemplate(Schedule schedule) {
        setSpecText(ScrapeSpecCodec.toJson(schedule.template()));
        status.set("Template of schedule " + schedule.name() + " loaded; edit it freely, the schedule is not changed.");
    }

    public void useSpec(ScrapeSpec value) {
        setSpecText(ScrapeSpecCodec.toJson(value));
    }

    public void openFile(Path file) {
        tasks.task("Reading " + file, ctx -> Files.readString(file, StandardCharsets.UTF_8))
                .onSuccess(text -> {
                    setSpecText(text);
                    status.set("Loaded " + file);
                })
                .onError(e -> status.set("Could not read " + file + ": " + UserMessages.describe(e)))
                .start();
    }

    /** Validates as the operator types: the same strict reader the worker and the CLI use. */
    public void setSpecText(String text) {
        specText.set(text == null ? "" : text);
        try {
            spec = ScrapeSpecCodec.parse("spec", specText.get());
            problems.clear();
        } catch (InvalidInputException e) {
            spec = null;
            problems.setAll(e.problems());
        }
        // Shown when no problem is listed; an empty editor is not "valid", it is nothing yet.
        specHint.set(specText.get().isBlank() ? NO_SPEC_YET : spec != null ? "The spec is valid." : "");
        updateCanRun();
    }

    public void setTarget(RunTarget value) {
        target.set(value);
    }

    /** Publishes the spec as a TEST run on the target's queue and starts following it. */
    public void run() {
        RunTarget t = target.get();
        ScrapeSpec toRun = spec;
        if (toRun == null || t == null || state.get().isActive()) {
            status.set(toRun == null ? "Fix the spec first: " + problems.size() + " problem(s) listed below the editor."
                    : "A test scrape is already running; cancel it first.");
            return;
        }
        reset();
        cancelRequested = false;
        state.set(TestScrapeState.PUBLISHING);
        progress.set(-1);
        status.set("Publishing a TEST job to " + t.label() + " ...");
        tasks.task("Publishing test scrape", ctx -> new Orchestrator(t.backend().jobs(), clock).test(toRun))
                .onSuccess(plan -> follow(plan, t))
                .onError(e -> {
                    cancelRequested = false;
                    state.set(TestScrapeState.FAILED);
                    progress.set(0);
                    status.set("Could not publish the test job: " + UserMessages.describe(e));
                })
                .start();
    }

    private void follow(RunPlan plan, RunTarget t) {
        boolean cancelWhilePublishing = cancelRequested;
        cancelRequested = false;
        if (state.get() != TestScrapeState.PUBLISHING && state.get() != TestScrapeState.CANCELLING) {
            // The operator stopped waiting while it was published; a cancel asked for still applies.
            if (cancelWhilePublishing) {
                cancelTask(t, plan.runId())
                        .onSuccess(created -> status.set("Run " + plan.runId() + " was published and its cancel"
                                + " request written; outcomes show in Runs."))
                        .onError(e -> status.set("Run " + plan.runId() + " was published but its cancel request"
                                + " could not be written: " + UserMessages.describe(e)))
                        .start();
            }
            return;
        }
        Following f = new Following(plan, t, clock.instant());
        following = f;
        runId.set(plan.runId());
        if (cancelWhilePublishing) {
            requestCancel(f);
        } else {
            state.set(TestScrapeState.RUNNING);
            status.set("Run " + plan.runId() + " published (" + plan.jobs().size() + " job(s)); waiting for the worker ...");
        }
        try {
            f.tail = t.backend().logs().tail(LogQuery.all().withRun(plan.runId()), f.arrived::add,
                    e -> f.tailError = UserMessages.describe(e));
        } catch (RuntimeException e) {
            f.tailError = UserMessages.describe(e);
        }
        poll();
    }

    /** FX thread: shows lines that arrived, and asks the backend for screenshots and records. */
    public void poll() {
        Following f = following;
        if (f == null || !state.get().isFollowing()) {
            return;
        }
        drainLines(f);
        if (f.polling) {
            return;
        }
        f.polling = true;
        boolean needHistory = !f.historyLoaded;
        Set<String> knownShots = Set.copyOf(f.screenshotKeys);
        tasks.task("Following run " + f.plan.runId(), ctx -> gather(f, needHistory, knownShots))
                .onSuccess(found -> apply(f, found))
                .onError(e -> {
                    if (following == f) {
                        status.set("Following run " + f.plan.runId() + " hit a problem (retrying): "
                                + UserMessages.describe(e));
                    }
                })
                .onFinished(() -> f.polling = false)
                .start();
    }

    private Poll gather(Following f, boolean needHistory, Set<String> knownShots) {
        var backend = f.target.backend();
        List<CanaryEvent> history = needHistory
                ? backend.logs().query(LogQuery.all().withRun(f.plan.runId()).withLimit(10_000)) : List.of();
        List<Screenshot> shots = new ArrayList<>();
        List<RunRecord> records = new ArrayList<>();
        for (JobRequest job : f.plan.jobs()) {
            String prefix = ArtifactKeys.screenshotPrefix(job.scheduleId(), job.runId(), job.jobId());
            for (ArtifactInfo info : backend.artifacts().list(prefix)) {
                if (info.key().endsWith(".png") && !knownShots.contains(info.key())) {
                    backend.artifacts().get(info.key()).ifPresent(png -> shots.add(new Screenshot(info.key(), png)));
                }
            }
            backend.runs().get(job.runId(), job.jobId()).ifPresent(records::add);
        }
        ItemPreview preview = null;
        if (records.size() == f.plan.jobs().size()) {
            List<byte[]> files = new ArrayList<>();
            for (RunRecord r : records) {
                r.resultKey().flatMap(backend.artifacts()::get).ifPresent(files::add);
            }
            preview = ItemPreview.parse(files, PREVIEW_ROWS);
        }
        return new Poll(history, shots, records, preview);
    }

    private void apply(Following f, Poll found) {
        if (following != f || !state.get().isFollowing()) {
            return;
        }
        if (!f.historyLoaded) {
            f.historyLoaded = true;
            addLines(f, found.history());
        }
        drainLines(f);
        for (Screenshot s : found.newScreenshots()) {
            if (f.screenshotKeys.add(s.key())) {
                screenshots.add(s);
            }
        }
        for (RunRecord r : found.records()) {
            f.records.put(r.jobId(), r);
        }
        int total = f.plan.jobs().size();
        int done = f.records.size();
        if (done == total && found.items() != null) {
            finish(f, found.items());
            return;
        }
        progress.set(done == 0 ? -1 : (double) done / total);
        Duration waited = Duration.between(f.started, clock.instant());
        Duration expected = Duration.ofMillis(spec == null ? 120_000 : spec.timeouts().jobMs()).plus(GRACE);
        if (state.get() == TestScrapeState.CANCELLING) {
            status.set("Cancel requested for run " + f.plan.runId() + ": " + done + " of " + total
                    + " job(s) recorded; a running job stops after its current page. Cancel again to stop following.");
        } else if (!f.warnedSlow && done == 0 && lines.isEmpty() && waited.compareTo(expected) > 0) {
            f.warnedSlow = true;
            status.set("No worker has reported on run " + f.plan.runId() + " after " + waited.toSeconds()
                    + " s. Check that the worker is running (Settings → test connection), or cancel.");
        } else if (!f.warnedSlow) {
            status.set("Run " + f.plan.runId() + ": " + done + " of " + total + " job(s) done, " + lines.size()
                    + " log line(s), " + screenshots.size() + " screenshot(s)");
        }
    }

    private void finish(Following f, ItemPreview preview) {
        List<RunRecord> records = List.copyOf(f.records.values());
        items.set(preview);
        RunRecord first = records.get(0);
        fingerprint.setAll(first.fingerprint().rows().entrySet().stream().map(e -> Map.entry(e.getKey(),
                e.getValue())).toList());
        long blocked = records.stream().filter(r -> r.verdict().blocked()).count();
        verdict.set(records.size() == 1 ? first.status() + " · " + first.verdict().summary()
                : blocked + " of " + records.size() + " job(s) blocked; statuses " + records.stream()
                .map(r -> r.status().name()).distinct().toList());
        int itemCount = records.stream().mapToInt(RunRecord::items).sum();
        int pages = records.stream().mapToInt(RunRecord::pages).sum();
        boolean cancelled = records.stream().anyMatch(r -> r.status() == RunStatus.CANCELLED);
        String error = records.stream().flatMap(r -> r.error().stream()).findFirst().map(e -> "; error: " + e)
                .orElse("");
        status.set(cancelled
                ? "Run " + f.plan.runId() + " cancelled: " + itemCount + " item(s) kept from " + pages + " page(s), "
                + records.stream().filter(r -> r.status() == RunStatus.CANCELLED).count() + " of " + records.size()
                + " job(s) stopped by the cancel, build " + first.build()
                : "Run " + f.plan.runId() + " finished: " + itemCount + " item(s) from " + pages + " page(s), build "
                + first.build() + error);
        progress.set(1);
        stopFollowing(f);
        state.set(cancelled ? TestScrapeState.CANCELLED : TestScrapeState.FINISHED);
    }

    /**
     * Cancels the run: writes its cancel request where the target's workers look (before a job starts
     * and between pages) and goes on following until every job is recorded, so the operator sees
     * what was kept. Pressed again while cancelling, it only stops following.
     */
    public void cancel() {
        Following f = following;
        switch (state.get()) {
            case PUBLISHING -> {
                cancelRequested = true; // the request is written as soon as the run id is known
                state.set(TestScrapeState.CANCELLING);
                status.set("Cancelling: the cancel request is written as soon as the job is published ...");
            }
            case RUNNING -> requestCancel(f);
            case CANCELLING -> stopFollowingNow(f);
            default -> {
                // nothing is running
            }
        }
    }

    private void requestCancel(Following f) {
        cancelRequested = false;
        state.set(TestScrapeState.CANCELLING);
        status.set("Requesting cancel of run " + f.plan.runId() + " ...");
        cancelTask(f.target, f.plan.runId())
                .onSuccess(created -> {
                    if (following == f && state.get() == TestScrapeState.CANCELLING) {
                        status.set("Cancel requested for run " + f.plan.runId() + "; a running job stops after its"
                                + " current page, a queued one is recorded CANCELLED when a worker picks it up.");
                        poll();
                    }
                })
                .onError(e -> {
                    if (following == f && state.get() == TestScrapeState.CANCELLING) {
                        state.set(TestScrapeState.RUNNING);
                        status.set("Could not request the cancel of run " + f.plan.runId() + " (still running): "
                                + UserMessages.describe(e));
                    }
                })
                .start();
    }

    /** Writes the run's cancel request into the target's store, where its workers look for it. */
    private TaskBuilder<Boolean> cancelTask(RunTarget t, String runId) {
        return tasks.task("Cancelling run " + runId, ctx -> new RunCancellation(t.backend().artifacts(), clock)
                .request(runId, "console"));
    }

    private void stopFollowingNow(Following f) {
        if (f != null) {
            stopFollowing(f);
        }
        following = null;
        progress.set(0);
        state.set(TestScrapeState.CANCELLED);
        status.set(f == null ? (cancelRequested ? "Not following: the job is still being published; its cancel request"
                + " is written once it is." : "Stopped before the job was published; if it still is, it runs.")
                : "Stopped following run " + f.plan.runId() + ". Its cancel request stays: a worker that picks a job"
                + " of it up records it CANCELLED; outcomes show in Runs.");
    }

    /** Leaving the console: stops following without cancelling the run. */
    public void close() {
        if (state.get().isActive()) {
            stopFollowingNow(following);
        }
    }

    private void stopFollowing(Following f) {
        if (f.tail != null) {
            f.tail.close();
            f.tail = null;
        }
        drainLines(f);
    }

    private void drainLines(Following f) {
        String error = f.tailError;
        if (error != null) {
            f.tailError = null;
            status.set("The live log tail stopped (" + error + "); lines will appear when the run finishes.");
            f.historyLoaded = false; // fetch what the tail missed on the next poll
        }
        List<CanaryEvent> batch = new ArrayList<>();
        CanaryEvent e;
        while ((e = f.arrived.poll()) != null) {
            batch.add(e);
        }
        addLines(f, batch);
    }

    private void addLines(Following f, List<CanaryEvent> events) {
        List<CanaryEvent> fresh = new ArrayList<>();
        for (CanaryEvent e : events) {
            if (f.seen.add(e)) {
                fresh.add(e);
            }
        }
        if (!fresh.isEmpty()) {
            fresh.sort(java.util.Comparator.comparing(CanaryEvent::time));
            lines.addAll(fresh);
        }
    }

    private void reset() {
        lines.clear();
        screenshots.clear();
        fingerprint.clear();
        items.set(ItemPreview.empty());
        verdict.set("");
        runId.set("");
        following = null;
    }

    private void updateCanRun() {
        canRun.set(spec != null && target.get() != null && !state.get().isActive());
    }

    public Optional<ScrapeSpec> spec() {
        return Optional.ofNullable(spec);
    }

    public ObservableList<RunTarget> targets() {
        return targetsReadOnly;
    }

    public ReadOnlyObjectProperty<RunTarget> targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ObservableList<Schedule> templates() {
        return templatesReadOnly;
    }

    /** What the problem list shows when it is empty: no spec yet, or the spec is valid. */
    public ReadOnlyStringProperty specHintProperty() {
        return specHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty specTextProperty() {
        return specText.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problemsReadOnly;
    }

    public ReadOnlyObjectProperty<TestScrapeState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    public ObservableList<CanaryEvent> lines() {
        return linesReadOnly;
    }

    public ObservableList<Screenshot> screenshots() {
        return screenshotsReadOnly;
    }

    public ObservableList<Map.Entry<String, String>> fingerprint() {
        return fingerprintReadOnly;
    }

    public ReadOnlyObjectProperty<ItemPreview> itemsProperty() {
        return items.getReadOnlyProperty();
    }
}
