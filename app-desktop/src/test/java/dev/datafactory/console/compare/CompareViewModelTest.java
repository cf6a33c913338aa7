package dev.datafactory.console.compare;

import dev.datafactory.console.common.ConsoleEvents.RunRef;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.fixtures.MemoryRunHistory;
import dev.datafactory.console.fixtures.Pngs;
import dev.datafactory.console.runs.SampleRuns;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CompareViewModelTest {

    @TempDir
    Path dir;

    @Test
    void opensTwoRunsPairsTheirStepsAndMeasuresThePixelDifference() {
        FileArtifactStore artifacts = new FileArtifactStore(dir, false);
        MemoryRunHistory history = new MemoryRunHistory();
        RunRecord local = SampleRuns.record("local-run", "shop", RunStatus.SUCCEEDED,
                Instant.parse("2026-03-01T08:00:00Z"), "local");
        RunRecord cloud = SampleRuns.record("cloud-run", "shop", RunStatus.BLOCKED,
                Instant.parse("2026-03-01T09:00:00Z"), "cloud-run");
        history.add(local);
        history.add(cloud);
        // 200x100 pages; the cloud one has a 20x50 "captcha" block: 1000 of 20000 pixels = 5 %.
        artifacts.put(ArtifactKeys.screenshot("shop", "local-run", local.jobId(), 0, "loaded"),
                Pngs.page(200, 100, 0, 0, 0, 0), "image/png", Map.of());
        artifacts.put(ArtifactKeys.screenshot("shop", "cloud-run", cloud.jobId(), 0, "loaded"),
                Pngs.page(200, 100, 10, 10, 20, 50), "image/png", Map.of());
        artifacts.put(ArtifactKeys.screenshot("shop", "cloud-run", cloud.jobId(), 1, "blocked"),
                Pngs.page(200, 100, 0, 0, 0, 0), "image/png", Map.of());

        CompareViewModel model = new CompareViewModel(history, artifacts, new SameThreadTaskExecutor(),
                Pngs::decode);
        model.open(RunRef.of("local-run"), new RunRef("cloud-run", Optional.of(cloud.jobId())));

        assertThat(model.steps()).extracting(ScreenshotStep::step).containsExactly("loaded", "blocked");
        assertThat(model.stepProperty().get().step()).isEqualTo("loaded");
        assertThat(model.diffProperty().get().changedPixels()).isEqualTo(1000);
        assertThat(model.diffSummaryProperty().get()).startsWith("5.00 % of pixels changed");
        assertThat(model.fingerprintRows()).filteredOn(FingerprintRow::differs).extracting(FingerprintRow::key)
                .contains("host", "navigator.webdriver");
        assertThat(model.statusProperty().get()).contains("2 screenshot step(s)");

        model.selectStep(model.steps().get(1));
        assertThat(model.diffProperty().get()).isNull();
        assertThat(model.diffSummaryProperty().get()).contains("Only one run has this step");
    }

    /** Runs "a" (08:00) and "b" (09:00) of schedule shop, in a history beside a store in the test's directory. */
    private record TwoRuns(RunRecord a, RunRecord b, FileArtifactStore artifacts, CompareViewModel model) {

        void shot(RunRecord run, int index, String step, byte[] png) {
            artifacts.put(ArtifactKeys.screenshot("shop", run.runId(), run.jobId(), index, step), png, "image/png",
                    Map.of());
        }
    }

    private TwoRuns twoRuns(RunStatus status) {
        FileArtifactStore artifacts = new FileArtifactStore(dir, false);
        MemoryRunHistory history = new MemoryRunHistory();
        RunRecord a = SampleRuns.record("a", "shop", status, Instant.parse("2026-03-01T08:00:00Z"), "local");
        RunRecord b = SampleRuns.record("b", "shop", status, Instant.parse("2026-03-01T09:00:00Z"), "local");
        history.add(a);
        history.add(b);
        return new TwoRuns(a, b, artifacts, new CompareViewModel(history, artifacts, new SameThreadTaskExecutor(),
                Pngs::decode));
    }

    @Test
    void theFirstStepBothRunsHaveIsSelectedNotTheFirstStepOfEither() {
        TwoRuns runs = twoRuns(RunStatus.SUCCEEDED);
        // Only the left run shot its start page; both shot the product page.
        runs.shot(runs.a(), 0, "start", Pngs.page(50, 50, 0, 0, 0, 0));
        runs.shot(runs.a(), 1, "product-1", Pngs.page(50, 50, 0, 0, 0, 0));
        runs.shot(runs.b(), 0, "blocked-product-1", Pngs.page(50, 50, 0, 0, 5, 5));
        CompareViewModel model = runs.model();
        model.setLeft(runs.a());
        assertThat(model.stepProperty().get().step()).isEqualTo("start");

        model.setRight(runs.b());
        assertThat(model.steps()).extracting(ScreenshotStep::step).containsExactly("start", "product-1");
        assertThat(model.stepProperty().get().step()).isEqualTo("product-1");
        assertThat(model.diffProperty().get().changedPixels()).isEqualTo(25);
    }

    @Test
    void twoRunsWithoutScreenshotsHaveNoStep() {
        TwoRuns runs = twoRuns(RunStatus.FAILED);
        CompareViewModel model = runs.model();
        model.setLeft(runs.a());
        model.setRight(runs.b());
        assertThat(model.steps()).isEmpty();
        assertThat(model.stepProperty().get()).isNull();
        assertThat(model.statusProperty().get()).startsWith("0 screenshot step(s)");
    }

    @Test
    void thresholdAboveTheChangeHidesIt() {
        TwoRuns runs = twoRuns(RunStatus.SUCCEEDED);
        runs.shot(runs.a(), 0, "x", Pngs.page(50, 50, 0, 0, 0, 0));
        runs.shot(runs.b(), 0, "x", Pngs.page(50, 50, 0, 0, 5, 5));
        CompareViewModel model = runs.model();
        model.setLeft(runs.a());
        model.setRight(runs.b());
        assertThat(model.diffProperty().get().changedPixels()).isEqualTo(25);

        model.setThreshold(255);
        assertThat(model.diffProperty().get().changedPixels()).isZero();
        assertThat(model.thresholdProperty().get()).isEqualTo(255);
    }

    @Test
    void anUnknownRunSaysWhatToDo() {
        CompareViewModel model = new CompareViewModel(new MemoryRunHistory(), new FileArtifactStore(dir, false),
                new SameThreadTaskExecutor(), Pngs::decode);
        model.open(RunRef.of("nope"), RunRef.of("nope-2"));

        assertThat(model.statusProperty().get()).contains("run nope-2 has no record in the run history")
                .contains("refresh the list");
    }
}
