package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenId;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;

import java.util.EnumMap;
import java.util.Map;

/** Builds each screen on first use, for one backend; one line per screen. */
final class ScreenRegistry {

    private final ConsoleContext context;
    private final BackendSettings settings;
    private final BackendConnector connector;
    private final Map<ScreenId, Screen> screens = new EnumMap<>(ScreenId.class);

    ScreenRegistry(ConsoleContext context, BackendSettings settings, BackendConnector connector) {
        this.context = context;
        this.settings = settings;
        this.connector = connector;
    }

    Screen get(ScreenId id) {
        return screens.computeIfAbsent(id, this::create);
    }

    private Screen create(ScreenId id) {
        return switch (id) {
            case SCHEDULES -> new PlaceholderScreen(id);
            case TEST_SCRAPE -> new PlaceholderScreen(id);
            case LOGS -> new PlaceholderScreen(id);
            case RUNS -> new PlaceholderScreen(id);
            case COMPARE -> new PlaceholderScreen(id);
            case SETTINGS -> new PlaceholderScreen(id);
        };
    }

    ConsoleContext context() {
        return context;
    }

    BackendSettings settings() {
        return settings;
    }

    BackendConnector connector() {
        return connector;
    }
}
