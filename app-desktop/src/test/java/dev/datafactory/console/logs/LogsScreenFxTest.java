package dev.datafactory.console.logs;

import dev.datafactory.console.fixtures.LocalConsole;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Logs screen on the real local log store: history, live tail, filters. */
@ExtendWith(ApplicationExtension.class)
class LogsScreenFxTest {

    @TempDir
    Path dir;

    private LocalConsole console;
    private LogsScreen screen;

    @Start
    void start(Stage stage) {
        console = new LocalConsole(dir);
        emit(Severity.INFO, "run-a", "local", "navigating to http://127.0.0.1/a");
        emit(Severity.WARNING, "run-b", "cloud-run", "blocked: captcha on /product/1");
        emit(Severity.INFO, "run-b", "cloud-run", "screenshot taken");
        screen = new LogsScreen(console.context());
        LocalConsole.show(stage, (Parent) screen.view(), "Logs test");
        screen.activate();
    }

    @AfterEach
    void stop() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        WaitForAsyncUtils.asyncFx(screen::deactivate).get();
        console.close();
    }

    @Test
    void filtersTheLiveViewBySeverityRunAndText(FxRobot robot) throws Exception {
        ListView<CanaryEvent> list = robot.lookup("#logs-list").queryListView();
        waitFor(() -> list.getItems().size() == 3);

        robot.clickOn("#logs-filter-run").write("run-b");
        waitFor(() -> list.getItems().size() == 2);
        robot.clickOn("#logs-filter-text").write("captcha");
        waitFor(() -> messages(list).equals(List.of("blocked: captcha on /product/1")));

        // New lines arrive through the tail; only matching ones show.
        emit(Severity.WARNING, "run-b", "cloud-run", "captcha again on /product/2");
        emit(Severity.WARNING, "run-a", "local", "captcha on local too");
        waitFor(() -> list.getItems().size() == 2);
        assertThat(messages(list)).containsExactly("blocked: captcha on /product/1", "captcha again on /product/2");

        robot.doubleClickOn("#logs-filter-run").eraseText(5);
        robot.doubleClickOn("#logs-filter-text").eraseText(7);
        waitFor(() -> list.getItems().size() == 5);
        Label status = robot.lookup("#logs-status").query();
        assertThat(status.getText()).contains("5 lines shown of 5 received").contains("tail live");

        robot.clickOn(robot.lookup((javafx.scene.Node n) -> n instanceof LogLineCell cell && cell.getItem() != null
                && cell.getItem().message().equals("screenshot taken")).queryLabeled());
        waitFor(() -> screen.model().selectedProperty().get() != null);
        assertThat(screen.model().selectedProperty().get().message()).isEqualTo("screenshot taken");
        assertThat(robot.lookup("#logs-detail").queryTextInputControl().getText()).contains("\"run-b\"");
    }

    @Test
    void severityChoiceReadsAsAMinimumAndToolbarButtonsKeepTheirLabels(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked") // the lookup knows only the raw type; the view builds a ComboBox<Severity>
        javafx.scene.control.ComboBox<Severity> severity = robot.lookup("#logs-severity").queryAs(javafx.scene.control.ComboBox.class);
        javafx.scene.control.ToggleButton follow = robot.lookup("#logs-follow").queryAs(javafx.scene.control.ToggleButton.class);
        // The console's Logs pane on a 1280 px window is about 1100 px wide.
        WaitForAsyncUtils.asyncFx(() -> follow.getScene().getWindow().setWidth(1000)).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(severity.getConverter().toString(severity.getValue())).isEqualTo("All severities");
        assertThat(LogsView.severityLabel(Severity.WARNING)).isEqualTo("Warning and above");
        assertThat(follow.getWidth()).isGreaterThanOrEqualTo(follow.prefWidth(-1));
    }

    @Test
    void aSelectedLineKeepsItsSeverityColour(FxRobot robot) throws Exception {
        emit(Severity.WARNING, "run-b", "cloud-run", "captcha again on /product/2");
        ListView<CanaryEvent> list = robot.lookup("#logs-list").queryListView();
        waitFor(() -> list.getItems().size() == 4);
        WaitForAsyncUtils.asyncFx(() -> list.getSelectionModel().select(list.getItems().stream()
                .filter(e -> e.message().startsWith("blocked")).findFirst().orElseThrow())).get();
        WaitForAsyncUtils.waitForFxEvents();

        LogLineCell selected = cellShowing(robot, "blocked: captcha on /product/1");
        LogLineCell other = cellShowing(robot, "captcha again on /product/2");
        LogLineCell info = cellShowing(robot, "screenshot taken");
        assertThat(selected.isSelected()).isTrue();
        assertThat(selected.getTextFill()).as("selected WARNING line").isEqualTo(other.getTextFill())
                .isNotEqualTo(info.getTextFill());
    }

    @Test
    void filterPromptsAreNotCutOffInAConsoleWindowOf1280Px(FxRobot robot) throws Exception {
        javafx.scene.control.ToggleButton follow = robot.lookup("#logs-follow").queryAs(javafx.scene.control.ToggleButton.class);
        // The console's Logs pane on a 1280 px window is about 1100 px wide; 1000 leaves a margin.
        WaitForAsyncUtils.asyncFx(() -> follow.getScene().getWindow().setWidth(1000)).get();
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("schedule", "run", "job", "env", "text")) {
            javafx.scene.control.TextField field = robot.lookup("#logs-filter-" + id).queryAs(javafx.scene.control.TextField.class);
            double[] widths = WaitForAsyncUtils.asyncFx(() -> {
                javafx.scene.text.Text prompt = new javafx.scene.text.Text(field.getPromptText());
                prompt.setFont(field.getFont());
                double room = field.getWidth() - field.getInsets().getLeft() - field.getInsets().getRight();
                return new double[] {prompt.getLayoutBounds().getWidth(), room};
            }).get();
            assertThat(widths[1]).as("room for the prompt \"%s\" of #logs-filter-%s", field.getPromptText(), id)
                    .isGreaterThanOrEqualTo(widths[0]);
            assertThat(field.getTooltip().getText()).as("tooltip of #logs-filter-%s", id).startsWith("Only lines");
        }
        assertThat(follow.getWidth()).isGreaterThanOrEqualTo(follow.prefWidth(-1));
    }

    private void emit(Severity severity, String run, String env, String message) {
        console.factory().logs().emit(CanaryEvent.of(severity, message, Instant.now(),
                new CanaryLabels(run, run + "-job", "shop", env, "abc1234")));
    }

    private static LogLineCell cellShowing(FxRobot robot, String message) {
        return robot.lookup((javafx.scene.Node n) -> n instanceof LogLineCell cell && cell.getItem() != null
                && cell.getItem().message().equals(message)).query();
    }

    private static List<String> messages(ListView<CanaryEvent> list) {
        return list.getItems().stream().map(CanaryEvent::message).toList();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }
}
