package dev.datafactory.local.schedule;

import dev.datafactory.model.schedule.FireTime;

/** One firing of the cron engine: which schedule, which slot, its run, and how many slots were missed before it. */
public record Firing(String scheduleId, FireTime slot, String runId, int jobs, int missedSlots) {
}
