package dev.datafactory.model.schedule;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.datafactory.model.spec.ScrapeSpec;

import java.time.Instant;
import java.util.Optional;

/**
 * A named, timed scrape: cron and time zone decide when, the template decides what (one job per
 * start URL). {@code lastFireTime} and {@code nextFireTime} are kept by the backend, not written by
 * operators.
 */
@JsonPropertyOrder({"id", "name", "cron", "timeZone", "state", "template", "retry", "lastFireTime", "nextFireTime"})
public record Schedule(String id, String name, String cron, String timeZone, ScheduleState state,
                       ScrapeSpec template, RetryPolicy retry, Optional<Instant> lastFireTime,
                       Optional<Instant> nextFireTime) {

    public CronSchedule cronSchedule() {
        return CronSchedule.parse(cron);
    }

    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    public Schedule withState(ScheduleState newState) {
        return new Schedule(id, name, cron, timeZone, newState, template, retry, lastFireTime, nextFireTime);
    }

    public Schedule withTimes(Optional<Instant> last, Optional<Instant> next) {
        return new Schedule(id, name, cron, timeZone, state, template, retry, last, next);
    }

    public Schedule withId(String newId, String newName) {
        return new Schedule(newId, newName, cron, timeZone, state, template, retry, Optional.empty(),
                Optional.empty());
    }
}
