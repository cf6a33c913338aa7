package dev.datafactory.model.job;

/** Why a job exists: a schedule fired, an operator ran it now, or it is a one-off test scrape. */
public enum Trigger {
    SCHEDULE, MANUAL, TEST
}
