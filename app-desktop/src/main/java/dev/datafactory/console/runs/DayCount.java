package dev.datafactory.console.runs;

import java.time.LocalDate;

/** One bar of the runs chart: a schedule's job outcomes on one day. Timed-out jobs count as failed. */
public record DayCount(LocalDate day, String schedule, int succeeded, int blocked, int failed) {

    public int total() {
        return succeeded + blocked + failed;
    }
}
