package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.schedules.SpecFormViewModel;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.CheckItem;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell in a real (headless) window: shortcuts, remembered screen, Settings' connection test, error messages. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleShellFxTest {

    @TempDir
    static Path dataDir;

    private static ConsoleBackend backend;
    private static ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openConsole() throws Exception {
        BackendSettings settings = BackendSettings.local(dataDir);
        backend = DefaultBackendConnector.local(settings);
        backend.schedules().create(new Schedule("hourly", "Hourly check", "5 * * * *", "UTC", ScheduleState.ENABLED,
                SpecFormViewModel.starter("hourly"), RetryPolicy.defaults(), Optional.empty(), Optional.empty()));
        FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(new ConsoleLaunch(backend, settings,
                new DefaultBackendConnector(), dataDir, Clock.systemUTC(), ZoneId.of("UTC"))));
    }

    @AfterAll
    static void closeConsole() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        backend.close();
    }

    @Test
    @Order(1)
    void opensOnSchedulesWithTheStoredSchedule() {
        TableView<?> table = robot.lookup("#schedules-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(robot.lookup("#sidebar-backend").queryAs(Label.class).getText()).contains(dataDir.toString());
    }

    @Test
    @Order(2)
    void ctrlSixOpensSettingsAndTheChoiceIsRemembered() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT6).release(KeyCode.DIGIT6, KeyCode.CONTROL);
        assertThat(robot.lookup("#settings-screen").tryQuery()).isPresent();
        Path state = dataDir.resolve(WindowStateStore.FILE);
        waitUntil(() -> Files.exists(state));
        assertThat(Files.readString(state)).contains("\"lastScreen\" : \"SETTINGS\"");
        assertThat(new WindowStateStore(dataDir).load().lastScreen().name()).isEqualTo("SETTINGS");
    }

    @Test
    @Order(3)
    void testConnectionListsWhatWorks() {
        robot.clickOn("#settings-test");
        VBox checks = robot.lookup("#settings-checks").queryAs(VBox.class);
        waitUntil(() -> checks.getChildren().size() >= 7);
        List<CheckItem> items = checks.getChildren().stream().map(n -> (CheckItem) n.getUserData()).toList();
        assertThat(items).extracting(CheckItem::what).contains("Schedules", "Artifacts", "Worker");
        assertThat(items).extracting(CheckItem::outcome).doesNotContain(CheckItem.Outcome.FAILED);
        assertThat(((Label) checks.getChildren().get(2)).getText()).startsWith("Schedules: 1 schedule(s) readable");
        assertThat(robot.lookup("#settings-status").queryAs(Label.class).getText())
                .isEqualTo("Connected, with 1 warning; see below.");
    }

    @Test
    @Order(4)
    void aFailingActionBecomesAMessageNotAStackTrace() {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        javafx.scene.Node table = robot.lookup("#schedules-table").query();
        waitUntil(() -> shownCell(table, "Hourly check").isPresent());
        robot.clickOn(shownCell(table, "Hourly check").orElseThrow());
        backend.schedules().delete("hourly");
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        Label status = robot.lookup("#status-message").queryAs(Label.class);
        waitUntil(() -> status.getText() != null && status.getText().startsWith("Could not run"));
        assertThat(status.getText()).contains("Hourly check").doesNotContain("Exception").doesNotContain("\tat ");

        robot.type(KeyCode.F5);
        waitUntil(() -> ((TableView<?>) table).getItems().isEmpty());
    }

    /** The shown cell label with this text (tables also keep detached cells for measuring and reuse). */
    private Optional<javafx.scene.Node> shownCell(javafx.scene.Node table, String text) {
        return robot.from(table).lookup((javafx.scene.Node n) -> n instanceof Label l && text.equals(l.getText())
                && n.getScene() != null).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery();
    }

    private static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
    }
}
