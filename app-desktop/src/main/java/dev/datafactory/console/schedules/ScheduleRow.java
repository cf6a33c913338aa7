package dev.datafactory.console.schedules;

import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.schedule.CronSchedule;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.validation.InvalidInputException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One line of the schedules table, computed once per refresh: the cron in English, the next run
 * in the schedule's zone and the operator's, and how the latest run went (status and verdict over
 * all its jobs).
 */
public record ScheduleRow(Schedule schedule, String description, String nextInScheduleZone,
                          String nextInOperatorZone, String state, String lastStatus, String lastVerdict) {

    public String id() {
        return schedule.id();
    }

    public String name() {
        return schedule.name();
    }

    public String timeZone() {
        return schedule.timeZone();
    }

    public boolean paused() {
        return schedule.state() == ScheduleState.PAUSED;
    }

    /** {@code lastRunJobs}: every job record of the schedule's latest run (empty when it never ran). */
    public static ScheduleRow of(Schedule s, List<RunRecord> lastRunJobs, Instant now, ZoneId operatorZone) {
        String description;
        Optional<Instant> next = Optional.empty();
        ZoneId zone;
        try {
            zone = s.zone();
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        try {
            CronSchedule cron = s.cronSchedule();
            description = CronText.describe(cron);
            if (s.state() == ScheduleState.ENABLED) {
                next = s.nextFireTime().filter(t -> t.isAfter(now))
                        .or(() -> cron.next(now, s.zone()).map(FireTime::instant));
            }
        } catch (InvalidInputException e) {
            description = "invalid cron: " + s.cron();
        }
        ZoneId scheduleZone = zone;
        String inZone = s.state() == ScheduleState.PAUSED ? "paused"
                : next.map(t -> FireTimeFormat.at(t, scheduleZone)).orElse("never");
        String inOperator = s.state() == ScheduleState.PAUSED ? "" : next.map(t -> FireTimeFormat.at(t, operatorZone))
                .orElse("");
        String status = "never ran";
        String verdict = "";
        if (!lastRunJobs.isEmpty()) {
            RunStatus worst = lastRunJobs.stream().map(RunRecord::status).max(Comparator.comparingInt(ScheduleRow::rank))
                    .orElse(RunStatus.SUCCEEDED);
            long ok = lastRunJobs.stream().filter(r -> r.status().isSuccess()).count();
            status = worst.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + (lastRunJobs.size() > 1 ? " (" + ok + "/" + lastRunJobs.size() + " jobs ok)" : "");
            verdict = lastRunJobs.stream().filter(r -> r.verdict().blocked()).findFirst()
                    .map(r -> "blocked by " + String.join(", ", r.verdict().signals())).orElse("clear");
        }
        return new ScheduleRow(s, description, inZone, inOperator, s.state().name().toLowerCase(java.util.Locale.ROOT),
                status, verdict);
    }

    /** Which job outcome speaks for a run: a failure over a block over a timeout over a cancel over success. */
    private static int rank(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> 0;
            case CANCELLED -> 1;
            case TIMED_OUT -> 2;
            case BLOCKED -> 3;
            case FAILED -> 4;
        };
    }
}
