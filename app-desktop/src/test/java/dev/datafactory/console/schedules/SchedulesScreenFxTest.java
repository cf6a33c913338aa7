package dev.datafactory.console.schedules;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.console.shell.ConsoleApp;
import dev.datafactory.console.shell.ConsoleLaunch;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schedules screen in a real (headless) window on a real local factory: schedules created and
 * edited through the visual cron builder end up in the factory's SQLite store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulesScreenFxTest {

    @TempDir
    static Path dataDir;

    private static ConsoleBackend backend;
    private static ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openConsole() throws Exception {
        BackendSettings settings = BackendSettings.local(dataDir);
        backend = DefaultBackendConnector.local(settings);
        FxToolkit.registerPrimaryStage();
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(new ConsoleLaunch(backend, settings,
                new DefaultBackendConnector(), dataDir, Clock.systemUTC(), ZoneId.of("Europe/Berlin"))));
    }

    @AfterAll
    static void closeConsole() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        backend.close();
    }

    @Test
    @Order(1)
    void createsAScheduleThroughTheVisualBuilder() {
        robot.clickOn("#schedules-new");
        TextField id = robot.lookup("#editor-id").queryAs(TextField.class);
        robot.interact(id::clear);
        robot.clickOn(id).write("nightly-products");
        robot.clickOn("#editor-name").write("Nightly products");
        robot.interact(() -> robot.lookup("#editor-zone").queryComboBox().setValue("America/New_York"));

        robot.clickOn("#cron-mode");
        robot.clickOn("Weekly");
        robot.clickOn("#cron-day-wednesday");
        replaceSpinnerText("#cron-hour", "6");
        replaceSpinnerText("#cron-minute", "30");
        assertThat(text("#cron-raw")).isEqualTo("30 6 * * 1,3");
        assertThat(robot.lookup("#cron-description").queryAs(Label.class).getText())
                .isEqualTo("Every Monday and Wednesday at 06:30");

        robot.clickOn("#editor-save");
        waitUntil(() -> backend.schedules().get("nightly-products").isPresent());
        Schedule stored = backend.schedules().get("nightly-products").orElseThrow();
        assertThat(stored.cron()).isEqualTo("30 6 * * 1,3");
        assertThat(stored.timeZone()).isEqualTo("America/New_York");
        assertThat(stored.name()).isEqualTo("Nightly products");
        assertThat(stored.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(stored.template().startUrls()).containsExactly("https://example.com/");

        // The editor closes when the FX thread hears of the save, a moment after the store has it.
        waitUntil(() -> robot.lookup("#schedules-table").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#schedules-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        ScheduleRow row = (ScheduleRow) table.getItems().get(0);
        assertThat(row.description()).isEqualTo("Every Monday and Wednesday at 06:30");
        // Either side of the DST change, depending on today's date.
        assertThat(row.nextInScheduleZone()).matches("(Mon|Wed) \\d{4}-\\d\\d-\\d\\d 06:30 E[SD]T");
        assertThat(row.nextInOperatorZone()).matches("(Mon|Wed) \\d{4}-\\d\\d-\\d\\d 1[12]:30 CES?T");
    }

    @Test
    @Order(2)
    void editsTheScheduleInRawCronAndTheBuilderFollows() {
        clickRow("Nightly products");
        robot.clickOn("#schedules-edit");
        TextField raw = robot.lookup("#cron-raw").queryAs(TextField.class);
        robot.interact(raw::clear);
        robot.clickOn(raw).write("15 22 * * *");
        assertThat(robot.lookup("#cron-mode").queryComboBox().getValue()).isEqualTo(CronMode.DAILY);
        assertThat(robot.lookup("#cron-hour").queryAs(javafx.scene.control.Spinner.class).getValue()).isEqualTo(22);

        robot.clickOn("Job template");
        TextField wait = robot.lookup("#spec-wait-for").queryAs(TextField.class);
        robot.clickOn(wait).write("#main");
        robot.clickOn("#editor-save");
        waitUntil(() -> backend.schedules().get("nightly-products").map(Schedule::cron).orElse("")
                .equals("15 22 * * *"));
        assertThat(backend.schedules().get("nightly-products").orElseThrow().template().extract().waitFor())
                .contains("#main");
    }

    @Test
    @Order(3)
    void invalidInputIsShownAtItsFieldAndNothingIsStored() {
        clickRow("Nightly products");
        robot.clickOn("#schedules-edit");
        robot.clickOn("Job template");
        // Below the fold of the form's scroll pane: typed programmatically into the same field.
        TextField width = robot.lookup("#spec-viewport-width").queryAs(TextField.class);
        robot.interact(() -> width.setText("wide"));
        robot.clickOn("Timing");
        TextField raw = robot.lookup("#cron-raw").queryAs(TextField.class);
        robot.interact(raw::clear);
        robot.clickOn(raw).write("61 * * * *");
        assertThat(robot.lookup("#cron-error").queryAs(Label.class).isVisible()).isTrue();

        robot.clickOn("#editor-save");
        Label cronError = robot.lookup("#cron-error").queryAs(Label.class);
        assertThat(cronError.isVisible()).isTrue();
        assertThat(cronError.getText()).contains("61 * * * *");
        assertThat(raw.getStyleClass()).contains("invalid");
        Label widthError = robot.lookup("#error-template-browser-viewport").queryAs(Label.class);
        assertThat(widthError.getText()).contains("width").contains("wide");
        assertThat(robot.lookup("#editor-save-error").queryAs(Label.class).getText()).contains("2 problems");
        assertThat(backend.schedules().get("nightly-products").orElseThrow().cron()).isEqualTo("15 22 * * *");
        robot.clickOn("#editor-cancel");
    }

    @Test
    @Order(4)
    void pausesDuplicatesAndDeletesWithConfirmation() {
        clickRow("Nightly products");
        robot.clickOn("#schedules-pause");
        waitUntil(() -> backend.schedules().get("nightly-products").map(Schedule::state)
                .orElse(null) == ScheduleState.PAUSED);

        robot.clickOn("#schedules-duplicate");
        waitUntil(() -> backend.schedules().get("nightly-products-copy").isPresent());
        assertThat(backend.schedules().get("nightly-products-copy").orElseThrow().name())
                .isEqualTo("Nightly products (copy)");

        clickRow("Nightly products (copy)");
        robot.clickOn("#schedules-delete");
        robot.clickOn("#confirm-cancel");
        assertThat(backend.schedules().get("nightly-products-copy")).isPresent();
        robot.clickOn("#schedules-delete");
        robot.clickOn("#confirm-delete");
        waitUntil(() -> backend.schedules().get("nightly-products-copy").isEmpty());
        assertThat(backend.schedules().list()).extracting(Schedule::id).containsExactly("nightly-products");
    }

    @Test
    @Order(5)
    void theDeleteKeyInATextFieldDeletesACharacterAndAsksNothing() {
        clickRow("Nightly products");
        robot.clickOn("#schedules-edit");
        TextField name = robot.lookup("#editor-name").queryAs(TextField.class);
        robot.clickOn(name).type(KeyCode.HOME).type(KeyCode.DELETE);
        assertThat(name.getText()).isEqualTo("ightly products");
        assertThat(robot.lookup("#confirm-delete").tryQuery()).isEmpty();
        robot.clickOn("#editor-cancel");
        assertThat(backend.schedules().get("nightly-products").orElseThrow().name()).isEqualTo("Nightly products");
    }

    @Test
    @Order(6)
    void theDeleteKeyDeletesTheSelectedScheduleAfterTheSameConfirmation() {
        clickRow("Nightly products");
        robot.type(KeyCode.DELETE);
        robot.clickOn("#confirm-cancel");
        assertThat(backend.schedules().get("nightly-products")).isPresent();

        robot.type(KeyCode.DELETE);
        robot.clickOn("#confirm-delete");
        waitUntil(() -> backend.schedules().get("nightly-products").isEmpty());
        TableView<?> table = robot.lookup("#schedules-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().isEmpty());
    }

    /**
     * Rows are drawn on the next pulse after the list changes, and a reload (the auto-refresh, a
     * change event) may redraw them between finding the cell and clicking it: click until the row
     * is the table's selection.
     */
    private void clickRow(String name) {
        waitUntil(() -> robot.lookup("#schedules-table").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#schedules-table").queryAs(TableView.class);
        waitUntil(() -> {
            java.util.Optional<Node> cell = row(name);
            if (cell.isEmpty()) {
                return false;
            }
            try {
                robot.clickOn(cell.get());
            } catch (RuntimeException detachedMeanwhile) {
                return false;
            }
            return table.getSelectionModel().getSelectedItem() instanceof ScheduleRow r && r.name().equals(name);
        });
    }

    /** The shown cell label with this text (the table also keeps detached cells for measuring and reuse). */
    private java.util.Optional<Node> row(String name) {
        Node table = robot.lookup("#schedules-table").query();
        return robot.from(table).lookup((Node n) -> n instanceof Label l && name.equals(l.getText())
                && n.getScene() != null).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery();
    }

    private void replaceSpinnerText(String query, String value) {
        javafx.scene.control.Spinner<?> spinner = robot.lookup(query).queryAs(javafx.scene.control.Spinner.class);
        robot.interact(() -> spinner.getEditor().clear());
        robot.clickOn(spinner.getEditor()).write(value).type(KeyCode.TAB);
    }

    private String text(String query) {
        Node node = robot.lookup(query).query();
        return ((TextField) node).getText();
    }

    private static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met within 10 s", e);
        }
    }

}
