package dev.datafactory.console.compare;

import dev.datafactory.console.common.ConsoleEvents.RunRef;
import dev.datafactory.console.common.TaskExecutor;
import dev.datafactory.console.common.TaskHandle;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Two job runs side by side: their screenshots step by step, the pixel difference of the current
 * step above a threshold, their fingerprints as a diff table, their builds and verdicts. Zoom and the
 * display mode are shared by both sides, so panning one pans the other.
 */
public final class CompareViewModel {

    public static final int DEFAULT_THRESHOLD = 16;
    public static final int CANDIDATE_LIMIT = 500;

    private final RunHistory runs;
    private final ArtifactStore artifacts;
    private final TaskExecutor tasks;
    private final ScreenshotDecoder decoder;
    private final PixelDiffer differ = new PixelDiffer();

    private final ObservableList<RunRecord> candidates = FXCollections.observableArrayList();
    // One read-only wrapper per list for all callers: a fresh wrapper per call would lose its listeners
    // when collected.
    private final ObservableList<RunRecord> candidatesReadOnly = FXCollections.unmodifiableObservableList(candidates);
    private final ReadOnlyObjectWrapper<CompareSide> left = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CompareSide> right = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ScreenshotStep> steps = FXCollections.observableArrayList();
    private final ObservableList<ScreenshotStep> stepsReadOnly = FXCollections.unmodifiableObservableList(steps);
    private final ReadOnlyObjectWrapper<ScreenshotStep> step = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Raster> leftRaster = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Raster> rightRaster = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PixelDiff> diff = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper threshold = new ReadOnlyIntegerWrapper(DEFAULT_THRESHOLD);
    private final ReadOnlyObjectWrapper<CompareMode> mode = new ReadOnlyObjectWrapper<>(CompareMode.SIDE_BY_SIDE);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(0.5);
    private final ReadOnlyStringWrapper diffSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<FingerprintRow> fingerprint = FXCollections.observableArrayList();
    private final ObservableList<FingerprintRow> fingerprintReadOnly = FXCollections.unmodifiableObservableList(fingerprint);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Pick two runs to compare.");

    private TaskHandle diffTask;
    private TaskHandle imageTask;

    public CompareViewModel(RunHistory runs, ArtifactStore artifacts, TaskExecutor tasks, ScreenshotDecoder decoder) {
        this.runs = runs;
        this.artifacts = artifacts;
        this.tasks = tasks;
        this.decoder = decoder;
    }

    /** Recent job runs for the two pickers. */
    public void loadCandidates() {
        tasks.task("Loading runs to compare", ctx -> runs.list(RunQuery.recent(CANDIDATE_LIMIT)))
                .onSuccess(candidates::setAll)
                .onError(e -> status.set("Could not load runs: " + UserMessages.describe(e)))
                .start();
    }

    public void open(RunRef leftRun, RunRef rightRun) {
        setSide(true, leftRun);
        setSide(false, rightRun);
    }

    public void setLeft(RunRecord record) {
        setSide(true, new RunRef(record.runId(), Optional.of(record.jobId())));
    }

    public void setRight(RunRecord record) {
        setSide(false, new RunRef(record.runId(), Optional.of(record.jobId())));
    }

    private void setSide(boolean isLeft, RunRef ref) {
        tasks.task("Loading run " + ref.runId(), ctx -> loadSide(ref))
                .onSuccess(side -> {
                    (isLeft ? left : right).set(side);
                    sidesChanged();
                })
                .onError(e -> status.set("Could not open run " + ref.runId() + ": " + UserMessages.describe(e)))
                .start();
    }

    private CompareSide loadSide(RunRef ref) {
        RunRecord record = ref.jobId().flatMap(job -> runs.get(ref.runId(), job))
                .or(() -> runs.jobsOf(ref.runId()).stream().findFirst())
                .orElseThrow(() -> new BackendException(BackendException.Kind.NOT_FOUND, "run " + ref.runId()
                        + ref.jobId().map(j -> " job " + j).orElse("") + " has no record in the run history;"
                        + " pick another run or refresh the list"));
        List<String> keys = record.screenshots().isEmpty()
                ? artifacts.list(ArtifactKeys.screenshotPrefix(record.scheduleId(), record.runId(), record.jobId()))
                .stream().map(ArtifactInfo::key).toList()
                : record.screenshots();
        return new CompareSide(record, keys);
    }

    private void sidesChanged() {
        CompareSide l = left.get();
        CompareSide r = right.get();
        fingerprint.setAll(FingerprintDiff.rows(Optional.ofNullable(l).map(s -> s.record().fingerprint()),
                Optional.ofNullable(r).map(s -> s.record().fingerprint())));
        List<ScreenshotStep> paired = ScreenshotSteps.pair(l == null ? List.of() : l.screenshotKeys(),
                r == null ? List.of() : r.screenshotKeys());
        steps.setAll(paired);
        if (l != null && r != null) {
            long differences = FingerprintDiff.differences(fingerprint);
            status.set(paired.size() + " screenshot step(s); fingerprints differ in " + differences + " row(s)");
        }
        selectStep(firstCommon(paired));
    }

    /** The first step both runs have (that is what there is to compare), else the first one, else none. */
    private static ScreenshotStep firstCommon(List<ScreenshotStep> paired) {
        return paired.stream().filter(s -> s.leftKey().isPresent() && s.rightKey().isPresent()).findFirst()
                .orElse(paired.isEmpty() ? null : paired.get(0));
    }

    public void selectStep(ScreenshotStep value) {
        step.set(value);
        leftRaster.set(null);
        rightRaster.set(null);
        diff.set(null);
        diffSummary.set("");
        if (imageTask != null) {
            imageTask.cancel();
        }
        if (value == null) {
            return;
        }
        imageTask = tasks.task("Loading screenshots of " + value.step(), ctx -> new Raster[] {
                decode(value.leftKey()), decode(value.rightKey())})
                .onSuccess(pair -> {
                    leftRaster.set(pair[0]);
                    rightRaster.set(pair[1]);
                    recomputeDiff();
                })
                .onError(e -> status.set("Could not load the screenshots of step " + value.step() + ": "
                        + UserMessages.describe(e)))
                .start();
    }

    private Raster decode(Optional<String> key) throws Exception {
        if (key.isEmpty()) {
            return null;
        }
        byte[] png = artifacts.get(key.get()).orElseThrow(() -> new BackendException(BackendException.Kind.NOT_FOUND,
                "screenshot " + key.get() + " is listed but missing from the artifact store"));
        return decoder.decode(png);
    }

    public void setThreshold(int value) {
        int clamped = Math.max(0, Math.min(255, value));
        if (clamped != threshold.get()) {
            threshold.set(clamped);
            recomputeDiff();
        }
    }

    public void setMode(CompareMode value) {
        mode.set(value);
    }

    public void setZoom(double value) {
        zoom.set(Math.max(0.05, Math.min(8.0, value)));
    }

    private void recomputeDiff() {
        Raster a = leftRaster.get();
        Raster b = rightRaster.get();
        if (diffTask != null) {
            diffTask.cancel();
        }
        if (a == null || b == null) {
            diff.set(null);
            diffSummary.set(a == null && b == null ? "" : "Only one run has this step: nothing to diff.");
            return;
        }
        int t = threshold.get();
        diffTask = tasks.task("Computing pixel difference", ctx -> differ.diff(a, b, t))
                .onSuccess(d -> {
                    diff.set(d);
                    diffSummary.set(String.format(Locale.ROOT, "%.2f %% of pixels changed (%,d of %,d)",
                            d.percentChanged(), d.changedPixels(), (long) d.width() * d.height()));
                })
                .onError(e -> status.set("Pixel difference failed: " + UserMessages.describe(e)))
                .start();
    }

    public ObservableList<RunRecord> candidates() {
        return candidatesReadOnly;
    }

    public ReadOnlyObjectProperty<CompareSide> leftProperty() {
        return left.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CompareSide> rightProperty() {
        return right.getReadOnlyProperty();
    }

    public ObservableList<ScreenshotStep> steps() {
        return stepsReadOnly;
    }

    public ReadOnlyObjectProperty<ScreenshotStep> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Raster> leftRasterProperty() {
        return leftRaster.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Raster> rightRasterProperty() {
        return rightRaster.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PixelDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty thresholdProperty() {
        return threshold.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CompareMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffSummaryProperty() {
        return diffSummary.getReadOnlyProperty();
    }

    public ObservableList<FingerprintRow> fingerprintRows() {
        return fingerprintReadOnly;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
