package dev.datafactory.console.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The console's screens in sidebar order; Ctrl+1..6 follow this order. */
public enum ScreenId {
    SCHEDULES("Schedules", Feather.CALENDAR),
    TEST_SCRAPE("Test scrape", Feather.PLAY_CIRCLE),
    LOGS("Logs", Feather.LIST),
    RUNS("Runs", Feather.ACTIVITY),
    COMPARE("Compare", Feather.COLUMNS),
    SETTINGS("Settings", Feather.SETTINGS);

    private final String title;
    private final Ikon icon;

    ScreenId(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }
}
