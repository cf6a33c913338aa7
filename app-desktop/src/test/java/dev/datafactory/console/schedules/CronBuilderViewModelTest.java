package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.FireTime;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class CronBuilderViewModelTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC);
    private final CronBuilderViewModel vm = new CronBuilderViewModel(clock, ZoneId.of("America/New_York"));

    @Test
    void startsOnWeekdaysAtNineWithADescriptionAndTenFireTimes() {
        assertThat(vm.rawProperty().get()).isEqualTo("0 9 * * 1-5");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.WEEKDAYS);
        assertThat(vm.descriptionProperty().get()).isEqualTo("Monday to Friday at 09:00");
        assertThat(vm.fireTimes()).hasSize(10);
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void builderFieldsRewriteTheRawExpression() {
        vm.modeProperty().set(CronMode.DAILY);
        vm.hourProperty().set(6);
        vm.minuteProperty().set(30);
        assertThat(vm.rawProperty().get()).isEqualTo("30 6 * * *");

        vm.modeProperty().set(CronMode.WEEKLY);
        vm.dayProperty(DayOfWeek.MONDAY).set(false);
        vm.dayProperty(DayOfWeek.SUNDAY).set(true);
        vm.dayProperty(DayOfWeek.WEDNESDAY).set(true);
        assertThat(vm.rawProperty().get()).isEqualTo("30 6 * * 0,3");

        vm.modeProperty().set(CronMode.MONTHLY);
        vm.dayOfMonthProperty().set(15);
        assertThat(vm.rawProperty().get()).isEqualTo("30 6 15 * *");

        vm.modeProperty().set(CronMode.HOURLY);
        assertThat(vm.rawProperty().get()).isEqualTo("30 * * * *");

        vm.modeProperty().set(CronMode.EVERY_N_MINUTES);
        vm.everyMinutesProperty().set(5);
        assertThat(vm.rawProperty().get()).isEqualTo("*/5 * * * *");
    }

    @Test
    void rawExpressionsThatFitAModeSetTheBuilder() {
        vm.rawProperty().set("*/10 * * * *");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.EVERY_N_MINUTES);
        assertThat(vm.everyMinutesProperty().get()).isEqualTo(10);

        vm.rawProperty().set("45 23 * * *");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.DAILY);
        assertThat(vm.hourProperty().get()).isEqualTo(23);
        assertThat(vm.minuteProperty().get()).isEqualTo(45);

        vm.rawProperty().set("0 7 * * MON-FRI");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.WEEKDAYS);

        vm.rawProperty().set("5 8 * * 6,7");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.WEEKLY);
        assertThat(vm.pattern().days()).containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

        vm.rawProperty().set("0 3 28 * *");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.MONTHLY);
        assertThat(vm.dayOfMonthProperty().get()).isEqualTo(28);
        // Unchanged by the round trip: the builder does not rewrite what it read.
        assertThat(vm.rawProperty().get()).isEqualTo("0 3 28 * *");
    }

    @Test
    void rawExpressionsNoModeProducesAreCustomAndKeptAsTyped() {
        vm.rawProperty().set("0 9-17/2 * * 1-5");
        assertThat(vm.modeProperty().get()).isEqualTo(CronMode.CUSTOM);
        assertThat(vm.rawProperty().get()).isEqualTo("0 9-17/2 * * 1-5");
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.fireTimes()).hasSize(10);
    }

    @Test
    void invalidRawExpressionsExplainWhatIsWrong() {
        vm.rawProperty().set("0 9 * *");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("must have 5 fields").contains("found 4");
        assertThat(vm.fireTimes()).isEmpty();

        vm.rawProperty().set("61 9 * * *");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("61 9 * * *");

        vm.rawProperty().set("");
        assertThat(vm.errorProperty().get()).contains("must not be empty");
    }

    @Test
    void unknownTimeZonesAreNamedInTheError() {
        vm.zoneProperty().set("Mars/Olympus");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).contains("Mars/Olympus").contains("IANA");
    }

    @Test
    void fireTimesAreShownInTheScheduleZoneAndTheOperatorZone() {
        vm.zoneProperty().set("Europe/Berlin");
        vm.rawProperty().set("0 9 * * *");
        FireTimeRow first = vm.fireTimes().get(0);
        // 2026-03-21 09:00 in Berlin (CET, UTC+1) is 04:00 in New York (EDT, UTC-4).
        assertThat(first.inScheduleZone()).isEqualTo("Sat 2026-03-21 09:00 CET");
        assertThat(first.inOperatorZone()).isEqualTo("Sat 2026-03-21 04:00 EDT");
    }

    @Test
    void warnsWhenAFireTimeFallsIntoTheSpringForwardGap() {
        vm.zoneProperty().set("Europe/Berlin");
        vm.rawProperty().set("30 2 * * *");
        assertThat(vm.fireTimes()).extracting(FireTimeRow::dstEffect).contains(FireTime.DstEffect.SHIFTED_BY_GAP);
        assertThat(vm.dstWarningProperty().get()).contains("2026-03-29 02:30").contains("clocks go forward")
                .contains("03:30");
    }

    @Test
    void warnsAboutARepeatedSlotEvenBeyondTheListedTen() {
        vm.zoneProperty().set("Europe/Berlin");
        vm.rawProperty().set("30 2 * * 0");
        // Sundays 02:30 in Berlin: the gap on 29 March is among the listed ten.
        assertThat(vm.dstWarningProperty().get()).contains("2026-03-29");
        // Sundays 01:30 in New York: the next ten (22 March to 24 May) are ordinary; 1 November repeats 01:30.
        vm.zoneProperty().set("America/New_York");
        vm.rawProperty().set("30 1 * * 0");
        assertThat(vm.fireTimes()).extracting(FireTimeRow::dstEffect).containsOnly(FireTime.DstEffect.NONE);
        assertThat(vm.dstWarningProperty().get()).contains("2026-11-01 01:30").contains("happens twice");
    }

    @Test
    void noWarningForUtc() {
        vm.zoneProperty().set("UTC");
        vm.rawProperty().set("30 2 * * *");
        assertThat(vm.dstWarningProperty().get()).isEmpty();
    }

    @Test
    void builderProblemsAreReportedInTheBuilderWords() {
        vm.modeProperty().set(CronMode.WEEKLY);
        vm.dayProperty(DayOfWeek.MONDAY).set(false);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Weekly: choose at least one day");
    }
}
