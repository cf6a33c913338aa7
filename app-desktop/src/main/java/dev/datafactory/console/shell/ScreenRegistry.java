package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenId;
import dev.datafactory.console.compare.CompareScreen;
import dev.datafactory.console.logs.LogsScreen;
import dev.datafactory.console.runs.RunsScreen;
import dev.datafactory.console.schedules.SchedulesScreen;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.InProcessWorker;
import dev.datafactory.console.settings.SettingsScreen;
import dev.datafactory.console.testscrape.RunTargets;
import dev.datafactory.console.testscrape.TestScrapeScreen;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds each screen on first use, for one backend; one line per screen. */
final class ScreenRegistry {

    private final ConsoleContext context;
    private final BackendSettings settings;
    private final BackendConnector connector;
    private final Supplier<Optional<InProcessWorker>> inProcessWorker;
    private final Map<ScreenId, Screen> screens = new EnumMap<>(ScreenId.class);

    ScreenRegistry(ConsoleContext context, BackendSettings settings, BackendConnector connector,
                   Supplier<Optional<InProcessWorker>> inProcessWorker) {
        this.context = context;
        this.settings = settings;
        this.connector = connector;
        this.inProcessWorker = inProcessWorker;
        // Screens that answer events (open run, compare these, show logs) must exist before the first
        // such event, or the event that creates them would pass them by; their views stay lazy.
        for (ScreenId id : ScreenId.values()) {
            get(id);
        }
    }

    Screen get(ScreenId id) {
        return screens.computeIfAbsent(id, this::create);
    }

    private Screen create(ScreenId id) {
        return switch (id) {
            case SCHEDULES -> new SchedulesScreen(context);
            case TEST_SCRAPE -> new TestScrapeScreen(context, new RunTargets(context.backend(), settings, connector));
            case LOGS -> new LogsScreen(context);
            case RUNS -> new RunsScreen(context);
            case COMPARE -> new CompareScreen(context);
            case SETTINGS -> new SettingsScreen(context, settings, connector, inProcessWorker);
        };
    }

    /** Disposes every screen built so far; the registry is not used afterwards. */
    void disposeAll() {
        screens.values().forEach(Screen::dispose);
        screens.clear();
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

    Supplier<Optional<InProcessWorker>> inProcessWorker() {
        return inProcessWorker;
    }
}
