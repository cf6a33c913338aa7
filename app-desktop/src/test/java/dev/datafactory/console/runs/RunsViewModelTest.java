package dev.datafactory.console.runs;

import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.fixtures.MemoryRunHistory;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RunsViewModelTest {

    private final MemoryRunHistory history = new MemoryRunHistory();
    private final EventBus events = new EventBus();
    private final RunsViewModel model = new RunsViewModel(history, new SameThreadTaskExecutor(), events,
            ZoneOffset.UTC);

    RunsViewModelTest() {
        history.add(SampleRuns.record("shop-1", "shop", RunStatus.SUCCEEDED, Instant.parse("2026-03-01T08:00:00Z"),
                "local"));
        history.add(SampleRuns.record("shop-2", "shop", RunStatus.BLOCKED, Instant.parse("2026-03-01T09:00:00Z"),
                "cloud-run"));
        history.add(SampleRuns.record("news-1", "news", RunStatus.FAILED, Instant.parse("2026-03-02T09:00:00Z"),
                "cloud-run"));
    }

    @Test
    void loadsNewestFirstWithTheChoicesForTheFilters() {
        model.refresh();

        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("news-1", "shop-2", "shop-1");
        assertThat(model.schedules()).containsExactly("news", "shop");
        assertThat(model.environments()).containsExactly("cloud-run", "local");
        assertThat(model.chart()).hasSize(2);
        assertThat(model.statusProperty().get()).isEqualTo("3 of 3 job runs shown, 1 blocked");
    }

    @Test
    void filtersByScheduleStatusEnvironmentAndText() {
        model.refresh();

        model.setFilter(new RunFilter("shop", Optional.empty(), "", ""));
        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("shop-2", "shop-1");
        model.setFilter(new RunFilter("shop", Optional.empty(), "cloud-run", ""));
        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("shop-2");
        model.setFilter(new RunFilter("", Optional.of(RunStatus.FAILED), "", ""));
        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("news-1");
        model.setFilter(new RunFilter("", Optional.empty(), "", "TIMEOUT"));
        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("news-1");
        assertThat(model.chart()).containsExactly(new DayCount(java.time.LocalDate.of(2026, 3, 2), "news", 0, 0, 1));
    }

    @Test
    void comparesExactlyTwoSelectedRunsOlderOnTheLeft() {
        model.refresh();
        List<ConsoleEvents.CompareRuns> asked = new ArrayList<>();
        events.subscribe(ConsoleEvents.CompareRuns.class, asked::add);

        assertThat(model.compare(List.of(model.rows().get(0)))).isFalse();
        assertThat(model.statusProperty().get()).contains("exactly two");
        assertThat(model.compare(List.of(model.rows().get(1), model.rows().get(2)))).isTrue();
        assertThat(asked).containsExactly(new ConsoleEvents.CompareRuns(
                new ConsoleEvents.RunRef("shop-1", Optional.of("shop-1-job1")),
                new ConsoleEvents.RunRef("shop-2", Optional.of("shop-2-job1"))));
    }

    @Test
    void focusingARunNarrowsTheTableToIt() {
        model.refresh();
        model.focus(ConsoleEvents.RunRef.of("shop-2"));

        assertThat(model.rows()).extracting(RunRecord::runId).containsExactly("shop-2");
    }
}
