package dev.datafactory.console.runs;

import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunStatsTest {

    @Test
    void countsOutcomesPerScheduleAndOperatorDayWithTimeoutsAsFailures() {
        Instant lateEvening = Instant.parse("2026-03-01T23:30:00Z"); // 00:30 on March 2nd in Berlin (UTC+1)
        List<DayCount> days = RunStats.perDay(List.of(
                SampleRuns.record("r1", "shop", RunStatus.SUCCEEDED, Instant.parse("2026-03-01T08:00:00Z"), "local"),
                SampleRuns.record("r2", "shop", RunStatus.BLOCKED, Instant.parse("2026-03-01T09:00:00Z"), "cloud"),
                SampleRuns.record("r3", "shop", RunStatus.TIMED_OUT, Instant.parse("2026-03-01T10:00:00Z"), "cloud"),
                SampleRuns.record("r4", "news", RunStatus.FAILED, Instant.parse("2026-03-01T10:00:00Z"), "cloud"),
                SampleRuns.record("r5", "shop", RunStatus.SUCCEEDED, lateEvening, "local")),
                ZoneId.of("Europe/Berlin"));

        assertThat(days).containsExactly(
                new DayCount(LocalDate.of(2026, 3, 1), "news", 0, 0, 1),
                new DayCount(LocalDate.of(2026, 3, 1), "shop", 1, 1, 1),
                new DayCount(LocalDate.of(2026, 3, 2), "shop", 1, 0, 0));
    }
}
