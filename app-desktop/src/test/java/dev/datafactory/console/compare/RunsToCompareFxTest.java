package dev.datafactory.console.compare;

import dev.datafactory.console.fixtures.LocalConsoleApp;
import dev.datafactory.console.fixtures.Pngs;
import dev.datafactory.console.runs.SampleRuns;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole console on a real local factory: two runs in Runs (one local and clear, one from the
 * cloud and blocked), selected together and opened side by side in Compare.
 */
@ExtendWith(ApplicationExtension.class)
class RunsToCompareFxTest {

    @TempDir
    Path dir;

    private LocalConsoleApp console;

    @Start
    void start(Stage stage) throws Exception {
        console = new LocalConsoleApp(dir);
        LocalFactory factory = console.factory();
        RunRecord local = withShots(SampleRuns.record("shop-20260301T080000Z", "shop", RunStatus.SUCCEEDED,
                Instant.parse("2026-03-01T08:00:00Z"), "local"));
        RunRecord cloud = withShots(SampleRuns.record("shop-20260302T080000Z", "shop", RunStatus.BLOCKED,
                Instant.parse("2026-03-02T08:00:00Z"), "cloud-run"));
        store(factory.artifacts(), local, Pngs.page(400, 300, 0, 0, 0, 0));
        store(factory.artifacts(), cloud, Pngs.page(400, 300, 100, 100, 120, 100)); // 10 % of the page
        console.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        console.stop();
    }

    @Test
    void opensTwoSelectedRunsSideBySideWithPixelAndFingerprintDifferences(FxRobot robot) throws Exception {
        robot.clickOn("#nav-runs");
        TableView<RunRecord> table = robot.lookup("#runs-table").queryTableView();
        waitFor(() -> table.getItems().size() == 2);
        javafx.scene.chart.StackedBarChart<?, ?> chart = robot.lookup("#runs-chart").query();
        robot.clickOn("#runs-refresh");
        robot.clickOn("#runs-refresh");
        waitFor(() -> chart.getData().size() == 3 && chart.getData().get(0).getData().size() == 2);
        assertThat(chart.getData()).extracting(s -> s.getName()).containsExactly("succeeded", "blocked", "failed");
        javafx.scene.chart.NumberAxis counts = (javafx.scene.chart.NumberAxis) chart.getYAxis();
        assertThat(counts.getTickLabelFormatter().toString(0.5)).as("no half jobs on the count axis").isEmpty();
        assertThat(counts.getTickLabelFormatter().toString(2.0)).isEqualTo("2");

        robot.clickOn(row(robot, "shop-20260301T080000Z"));
        robot.press(KeyCode.CONTROL).clickOn(row(robot, "shop-20260302T080000Z")).release(KeyCode.CONTROL);
        assertThat(table.getSelectionModel().getSelectedItems()).hasSize(2);
        robot.clickOn("#runs-compare");

        Label summary = robot.lookup("#compare-diff-summary").query();
        waitFor(() -> summary.getText().contains("% of pixels changed"));
        assertThat(summary.getText()).startsWith("10.00 %");
        Label left = robot.lookup("#compare-left-info").query();
        Label right = robot.lookup("#compare-right-info").query();
        assertThat(left.getText() + " | " + right.getText()).contains("local").contains("cloud-run")
                .contains("verdict blocked (status:403)");
        TableView<FingerprintRow> fingerprint = robot.lookup("#compare-fingerprint").queryTableView();
        assertThat(fingerprint.getItems()).filteredOn(FingerprintRow::differs).extracting(FingerprintRow::key)
                .contains("host", "userAgent", "navigator.webdriver");
        assertThat(robot.lookup("#compare-left-pane").tryQuery()).isPresent();

        robot.clickOn("#compare-mode").clickOn("Onion skin");
        waitFor(() -> robot.lookup("#compare-single-pane").tryQuery().isPresent());
        robot.clickOn("#compare-mode").clickOn("Flip");
        robot.clickOn("#compare-flip");
        assertThat(robot.lookup("#compare-flip").queryLabeled().getText()).isEqualTo("Showing right");
    }

    @Test
    void theStepPickerShowsAStepWhateverTwoRunsArePicked(FxRobot robot) throws Exception {
        // A failed run that took no screenshot at all: its only step is the other run's.
        RunRecord failed = SampleRuns.record("shop-20260303T080000Z", "shop", RunStatus.FAILED,
                Instant.parse("2026-03-03T08:00:00Z"), "local");
        console.factory().artifacts().put(ArtifactKeys.runRecord(failed.runId(), failed.jobId()),
                RunRecordCodec.toBytes(failed),
                "application/json", Map.of());
        robot.clickOn("#nav-compare");
        ComboBox<RunRecord> left = robot.lookup("#compare-left").queryComboBox();
        ComboBox<RunRecord> right = robot.lookup("#compare-right").queryComboBox();
        ComboBox<ScreenshotStep> step = robot.lookup("#compare-step").queryComboBox();
        waitFor(() -> left.getItems().size() == 3);

        pick(robot, left, "shop-20260301T080000Z");
        waitFor(() -> step.getValue() != null);
        assertShows(robot, step, "loaded");
        pick(robot, right, "shop-20260303T080000Z");
        waitFor(() -> ((Label) robot.lookup("#compare-right-info").query()).getText().contains("FAILED"));
        assertShows(robot, step, "loaded");

        pick(robot, right, "shop-20260302T080000Z");
        waitFor(() -> step.getValue() != null && step.getValue().rightKey().isPresent());
        assertShows(robot, step, "loaded");

        pick(robot, right, "shop-20260302T080000Z");
        WaitForAsyncUtils.waitForFxEvents();
        assertShows(robot, step, "loaded");
    }

    private static void pick(FxRobot robot, ComboBox<RunRecord> picker, String runId) {
        RunRecord record = picker.getItems().stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
        robot.interact(() -> picker.setValue(record));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The picker's value and the text its button shows: a value with a blank button is the bug. */
    private static void assertShows(FxRobot robot, ComboBox<ScreenshotStep> picker, String stepName) throws Exception {
        waitFor(() -> picker.getValue() != null);
        assertThat(picker.getValue().step()).isEqualTo(stepName);
        // The button cell is the picker's own child; the skin also holds its popup list's cells.
        ListCell<?> button = robot.from(picker).lookup((Node n) -> n instanceof ListCell<?> && n.getParent() == picker)
                .queryAs(ListCell.class);
        assertThat(button.getText()).isEqualTo(stepName);
    }

    private static Node row(FxRobot robot, String runId) {
        return robot.lookup((Node n) -> n instanceof TableRow<?> r && r.getItem() instanceof RunRecord rec
                && rec.runId().equals(runId)).query();
    }

    private static RunRecord withShots(RunRecord r) {
        return new RunRecord(r.runId(), r.jobId(), r.scheduleId(), r.trigger(), r.attempt(), r.status(), r.verdict(),
                r.items(), r.pages(), r.startedAt(), r.finishedAt(), r.build(), r.environment(), r.fingerprint(),
                List.of(ArtifactKeys.screenshot(r.scheduleId(), r.runId(), r.jobId(), 0, "loaded")),
                Optional.empty(), r.error());
    }

    private static void store(ArtifactStore store, RunRecord r, byte[] png) {
        store.put(r.screenshots().get(0), png, "image/png", Map.of());
        store.put(ArtifactKeys.runRecord(r.runId(), r.jobId()), RunRecordCodec.toBytes(r), "application/json",
                Map.of());
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }
}
