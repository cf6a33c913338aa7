package dev.datafactory.console.schedules;

import dev.datafactory.console.fixtures.RecordingNotifier;
import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor as a plain object on a real local schedule store: validation paths, tabs, saving. */
class ScheduleEditorViewModelTest {

    @TempDir
    Path dataDir;

    private ConsoleBackend backend;
    private ScheduleEditorViewModel vm;
    private final RecordingNotifier notifier = new RecordingNotifier();

    @BeforeEach
    void setUp() {
        backend = DefaultBackendConnector.local(BackendSettings.local(dataDir));
        ConsoleContext context = new ConsoleContext(backend, new SameThreadTaskExecutor(), new EventBus(), notifier,
                Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC), ZoneId.of("Europe/Berlin"),
                dataDir);
        vm = new ScheduleEditorViewModel(context);
        vm.startNew("schedule-1");
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    @Test
    void aNewScheduleIsValidAndStoredAsTyped() {
        vm.idProperty().set("demo-products");
        vm.nameProperty().set("Demo products");
        vm.cron().modeProperty().set(CronMode.DAILY);
        vm.cron().hourProperty().set(7);
        vm.form().startUrlsProperty().set("http://127.0.0.1:8931/\nhttp://127.0.0.1:8931/page/2");
        vm.form().fields().add(new FieldRow("price", ".price", "", false));
        AtomicReference<Schedule> saved = new AtomicReference<>();
        vm.save(saved::set);

        assertThat(vm.problems()).isEmpty();
        Schedule stored = backend.schedules().get("demo-products").orElseThrow();
        assertThat(saved.get().id()).isEqualTo("demo-products");
        assertThat(stored.cron()).isEqualTo("0 7 * * *");
        assertThat(stored.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(stored.template().startUrls()).containsExactly("http://127.0.0.1:8931/",
                "http://127.0.0.1:8931/page/2");
        assertThat(stored.template().extract().fields()).containsKeys("title", "price");
        assertThat(vm.creatingProperty().get()).isFalse();
    }

    @Test
    void everyProblemNamesItsFieldPath() {
        vm.idProperty().set("Bad Id");
        vm.timeZoneProperty().set("Mars/Base");
        vm.cron().rawProperty().set("0 25 * * *");
        vm.form().startUrlsProperty().set("ftp://example.com/");
        vm.form().viewportWidthProperty().set("wide");
        vm.form().blockStatusCodesProperty().set("403, teapot");
        vm.form().headersProperty().set("X-Ok: 1\nbroken line");
        vm.form().fields().add(new FieldRow("", ".x", "", false));

        assertThat(vm.validate()).isEmpty();
        assertThat(vm.problems()).extracting(Problem::path).contains("id", "timeZone", "cron",
                "template.startUrls[0]", "template.browser.viewport.width", "template.blockSignals.statusCodes",
                "template.browser.headers", "template.extract.fields");
        assertThat(vm.problemsAt("template.startUrls")).singleElement().asString().contains("http");
        assertThat(vm.problemsAt("template.browser.viewport")).singleElement().asString().contains("\"wide\"");
        assertThat(vm.problemsAt("template.blockSignals.statusCodes")).singleElement().asString()
                .contains("teapot");
        assertThat(vm.problemsAt("template.browser.headers")).singleElement().asString().contains("broken line");
        assertThat(vm.problemsAt("id")).singleElement().asString().contains("lower-case");
        assertThat(vm.problemsAt("timeZone")).singleElement().asString().contains("Mars/Base");

        vm.save(s -> { });
        assertThat(vm.saveErrorProperty().get()).contains(vm.problems().size() + " problems");
        assertThat(backend.schedules().list()).isEmpty();
    }

    @Test
    void theJsonTabShowsTheFormAndReadsBackIntoIt() {
        vm.form().waitForProperty().set("#reviews .review");
        assertThat(vm.switchTab(ScheduleEditorViewModel.TemplateTab.JSON)).isTrue();
        assertThat(vm.jsonProperty().get()).contains("\"waitFor\" : \"#reviews .review\"");

        vm.jsonProperty().set(vm.jsonProperty().get().replace("https://example.com/", "https://shop.example/"));
        assertThat(vm.switchTab(ScheduleEditorViewModel.TemplateTab.FORM)).isTrue();
        assertThat(vm.form().startUrlsProperty().get()).isEqualTo("https://shop.example/");
    }

    @Test
    void invalidJsonKeepsTheJsonTabWithItsProblems() {
        vm.switchTab(ScheduleEditorViewModel.TemplateTab.JSON);
        vm.jsonProperty().set(vm.jsonProperty().get().replace("\"startUrls\"", "\"startUrl\""));
        assertThat(vm.switchTab(ScheduleEditorViewModel.TemplateTab.FORM)).isFalse();
        assertThat(vm.tabProperty().get()).isEqualTo(ScheduleEditorViewModel.TemplateTab.JSON);
        assertThat(vm.problems()).extracting(Problem::path).contains("template.startUrls", "template.startUrl");

        vm.jsonProperty().set("{ not json");
        assertThat(vm.validate()).isEmpty();
        assertThat(vm.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("template");
            assertThat(p.reason()).contains("not valid JSON").contains("line 1");
        });
    }

    @Test
    void editingKeepsTheIdAndUpdatesTheStoredSchedule() {
        vm.idProperty().set("nightly");
        vm.save(s -> { });
        Schedule stored = backend.schedules().get("nightly").orElseThrow();

        vm.edit(stored);
        assertThat(vm.creatingProperty().get()).isFalse();
        assertThat(vm.cron().modeProperty().get()).isEqualTo(CronMode.WEEKDAYS);
        vm.cron().rawProperty().set("*/20 * * * *");
        vm.enabledProperty().set(false);
        vm.save(s -> { });
        Schedule updated = backend.schedules().get("nightly").orElseThrow();
        assertThat(updated.cron()).isEqualTo("*/20 * * * *");
        assertThat(updated.state().name()).isEqualTo("PAUSED");
    }

    @Test
    void creatingAnExistingIdReportsTheBackendsAnswer() {
        vm.idProperty().set("twice");
        vm.save(s -> { });
        vm.startNew("twice");
        vm.save(s -> { });
        assertThat(vm.saveErrorProperty().get()).containsIgnoringCase("twice");
        assertThat(vm.creatingProperty().get()).isTrue();
    }
}
