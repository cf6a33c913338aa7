package dev.datafactory.console.schedules;

/** The shapes the visual cron builder offers; CUSTOM is any other expression, edited raw. */
public enum CronMode {
    EVERY_N_MINUTES("Every N minutes"),
    HOURLY("Hourly"),
    DAILY("Daily"),
    WEEKDAYS("Weekdays"),
    WEEKLY("Weekly"),
    MONTHLY("Monthly"),
    CUSTOM("Custom (raw cron)");

    private final String label;

    CronMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
