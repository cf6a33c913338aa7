package dev.datafactory.model.schedule;

public enum ScheduleState {
    ENABLED, PAUSED
}
