package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.FireTime;

/** One upcoming firing as the editor lists it: in the schedule's zone, in the operator's, and any DST note. */
public record FireTimeRow(String inScheduleZone, String inOperatorZone, FireTime.DstEffect dstEffect, String note) {
}
