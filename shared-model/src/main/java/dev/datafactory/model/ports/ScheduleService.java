package dev.datafactory.model.ports;

import dev.datafactory.model.schedule.Schedule;

import java.util.List;
import java.util.Optional;

/**
 * Schedules: Cloud Scheduler jobs in the cloud, the embedded cron engine locally. Writes validate
 * and throw {@code InvalidInputException} with field paths; unknown ids throw {@link BackendException}
 * of kind NOT_FOUND.
 */
public interface ScheduleService {

    List<Schedule> list();

    Optional<Schedule> get(String id);

    Schedule create(Schedule schedule);

    Schedule update(Schedule schedule);

    void delete(String id);

    Schedule pause(String id);

    Schedule resume(String id);

    /** Fires the schedule now, out of turn; returns the run id. */
    String runNow(String id);
}
