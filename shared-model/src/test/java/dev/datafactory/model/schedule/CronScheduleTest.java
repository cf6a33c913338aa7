package dev.datafactory.model.schedule;

import dev.datafactory.model.schedule.FireTime.DstEffect;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<Instant> instants(List<FireTime> fires) {
        return fires.stream().map(FireTime::instant).toList();
    }

    @Test
    void dailyMorningJobKeepsItsWallClockTimeAcrossBerlinSpringForward() {
        List<FireTime> fires = CronSchedule.parse("0 9 * * *")
                .nextFireTimes(Instant.parse("2026-03-27T12:00:00Z"), BERLIN, 3);

        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-03-28T08:00:00Z"),   // 09:00 CET (+01)
                Instant.parse("2026-03-29T07:00:00Z"),   // 09:00 CEST (+02), the day clocks jump
                Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(fires).extracting(FireTime::dstEffect).containsOnly(DstEffect.NONE);
    }

    @Test
    void slotInsideBerlinSpringForwardGapFiresShiftedByTheGap() {
        List<FireTime> fires = CronSchedule.parse("30 2 * * *")
                .nextFireTimes(Instant.parse("2026-03-28T00:00:00Z"), BERLIN, 3);

        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),   // 02:30 CET
                Instant.parse("2026-03-29T01:30:00Z"),   // 02:30 does not exist: 03:30 CEST
                Instant.parse("2026-03-30T00:30:00Z"));  // 02:30 CEST
        assertThat(fires.get(1).dstEffect()).isEqualTo(DstEffect.SHIFTED_BY_GAP);
    }

    @Test
    void slotRepeatedByBerlinFallBackFiresOnceAtItsFirstOccurrence() {
        List<FireTime> fires = CronSchedule.parse("30 2 * * *")
                .nextFireTimes(Instant.parse("2026-10-24T12:00:00Z"), BERLIN, 2);

        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"),   // 02:30 CEST; 02:30 CET an hour later is not fired
                Instant.parse("2026-10-26T01:30:00Z"));  // 02:30 CET
        assertThat(fires.get(0).dstEffect()).isEqualTo(DstEffect.REPEATED_ONCE);
    }

    @Test
    void hourlyJobInNewYorkSpringForwardNeitherDuplicatesNorLosesTheShiftedHour() {
        List<FireTime> fires = CronSchedule.parse("0 * * * *")
                .nextFireTimes(Instant.parse("2026-03-08T05:30:00Z"), NEW_YORK, 3);

        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-03-08T06:00:00Z"),   // 01:00 EST
                Instant.parse("2026-03-08T07:00:00Z"),   // 02:00 does not exist: 03:00 EDT, once
                Instant.parse("2026-03-08T08:00:00Z"));  // 04:00 EDT
    }

    @Test
    void newYorkFallBackRepeatedHourFiresOnce() {
        List<FireTime> fires = CronSchedule.parse("15 1 * * *")
                .nextFireTimes(Instant.parse("2026-10-31T12:00:00Z"), NEW_YORK, 2);

        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-11-01T05:15:00Z"),   // 01:15 EDT; 01:15 EST (06:15Z) not fired
                Instant.parse("2026-11-02T06:15:00Z"));  // 01:15 EST
        assertThat(fires.get(0).dstEffect()).isEqualTo(DstEffect.REPEATED_ONCE);
    }

    @Test
    void askingFromInsideTheRepeatedHourDoesNotFireTheSlotAgain() {
        // 06:20Z is 01:20 EST, after the first 01:15 (EDT) already fired.
        FireTime next = CronSchedule.parse("15 1 * * *")
                .next(Instant.parse("2026-11-01T06:20:00Z"), NEW_YORK).orElseThrow();
        assertThat(next.instant()).isEqualTo(Instant.parse("2026-11-02T06:15:00Z"));
    }

    @Test
    void weekdaysOnlySkipsTheWeekend() {
        List<FireTime> fires = CronSchedule.parse("0 9 * * 1-5")
                .nextFireTimes(Instant.parse("2026-11-27T10:00:00Z"), ZoneId.of("UTC"), 2); // a Friday
        assertThat(instants(fires)).containsExactly(
                Instant.parse("2026-11-30T09:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void describesInEnglish() {
        assertThat(CronSchedule.parse("0 9 * * 1-5").describe()).containsIgnoringCase("09:00")
                .containsIgnoringCase("monday").containsIgnoringCase("friday");
        assertThat(CronSchedule.parse("*/15 * * * *").describe()).containsIgnoringCase("15 minutes");
    }

    @Test
    void latestMissedSlotIsFoundOnceAfterDowntime() {
        CronSchedule everyFiveMinutes = CronSchedule.parse("*/5 * * * *");
        FireTime latest = everyFiveMinutes.latestBetween(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-03-01T10:07:00Z"), ZoneId.of("UTC")).orElseThrow();
        assertThat(latest.instant()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(CronSchedule.parse("0 0 1 1 *").latestBetween(Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z"), ZoneId.of("UTC")).orElseThrow().instant())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(everyFiveMinutes.latestBetween(Instant.parse("2026-03-01T10:05:00Z"),
                Instant.parse("2026-03-01T10:07:00Z"), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void rejectsInvalidExpressionsWithPathAndReason() {
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * *", "schedule.cron"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.path()).isEqualTo("schedule.cron");
                            assertThat(p.reason()).contains("must have 5 fields").contains("found 4");
                        }));
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("cron"));
        assertThatThrownBy(() -> CronSchedule.parse(""))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must not be empty");
    }
}
