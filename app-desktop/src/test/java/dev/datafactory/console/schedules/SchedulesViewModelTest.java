package dev.datafactory.console.schedules;

import dev.datafactory.console.fixtures.RecordingNotifier;
import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.DefaultBackendConnector;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulesViewModelTest {

    @TempDir
    Path dataDir;

    private ConsoleBackend backend;
    private SchedulesViewModel vm;
    private final RecordingNotifier notifier = new RecordingNotifier();

    @BeforeEach
    void setUp() {
        backend = DefaultBackendConnector.local(BackendSettings.local(dataDir));
        ConsoleContext context = new ConsoleContext(backend, new SameThreadTaskExecutor(), new EventBus(), notifier,
                Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC), ZoneId.of("America/New_York"),
                dataDir);
        vm = new SchedulesViewModel(context);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    private Schedule schedule(String id, String cron, String zone) {
        return new Schedule(id, id.toUpperCase(java.util.Locale.ROOT), cron, zone, ScheduleState.ENABLED,
                SpecFormViewModel.starter(id), RetryPolicy.defaults(), Optional.empty(), Optional.empty());
    }

    @Test
    void rowsShowTheCronInEnglishAndTheNextRunInBothZones() {
        backend.schedules().create(schedule("berlin-morning", "0 9 * * *", "Europe/Berlin"));
        vm.refresh();
        assertThat(vm.rows()).singleElement().satisfies(row -> {
            assertThat(row.description()).isEqualTo("Every day at 09:00");
            // The local store computes the next fire time with the real clock: either side of DST.
            assertThat(row.nextInScheduleZone()).matches(".* 09:00 CES?T");
            assertThat(row.nextInOperatorZone()).matches(".* 0[34]:00 E[SD]T");
            assertThat(row.state()).isEqualTo("enabled");
            assertThat(row.lastStatus()).isEqualTo("never ran");
        });
    }

    @Test
    void pauseResumeDuplicateAndDeleteChangeTheBackend() {
        backend.schedules().create(schedule("a", "0 9 * * *", "UTC"));
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));

        vm.togglePause();
        assertThat(backend.schedules().get("a").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(vm.rows().get(0).nextInScheduleZone()).isEqualTo("paused");
        assertThat(vm.selectedProperty().get().id()).isEqualTo("a");
        vm.togglePause();
        assertThat(backend.schedules().get("a").orElseThrow().state()).isEqualTo(ScheduleState.ENABLED);

        vm.duplicate();
        Schedule copy = backend.schedules().get("a-copy").orElseThrow();
        assertThat(copy.state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(copy.name()).isEqualTo("A (copy)");
        assertThat(vm.selectedProperty().get().id()).isEqualTo("a-copy");

        vm.delete();
        assertThat(backend.schedules().get("a-copy")).isEmpty();
        assertThat(vm.rows()).extracting(ScheduleRow::id).containsExactly("a");
        assertThat(notifier.messages()).noneMatch(m -> m.startsWith("error: "));
    }

    @Test
    void runNowReportsTheRunId() {
        backend.schedules().create(schedule("a", "0 9 * * *", "UTC"));
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        vm.runNow();
        assertThat(notifier.messages()).anySatisfy(m -> assertThat(m).startsWith("info: Started run ").contains("A"));
    }

    @Test
    void failuresBecomeMessagesNotExceptions() {
        backend.schedules().create(schedule("a", "0 9 * * *", "UTC"));
        vm.refresh();
        vm.selectedProperty().set(vm.rows().get(0));
        backend.schedules().delete("a");
        vm.togglePause();
        assertThat(notifier.messages()).anySatisfy(m -> assertThat(m).startsWith("error: Could not change A"));
    }

    @Test
    void freeIdsSkipTakenOnes() {
        assertThat(SchedulesViewModel.freeId("demo", Set.of("demo", "demo-copy"))).isEqualTo("demo-copy-2");
        assertThat(SchedulesViewModel.freeId("schedule", Set.of("schedule-1"))).isEqualTo("schedule-2");
    }
}
