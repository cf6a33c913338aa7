package dev.datafactory.console.shell;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.ScreenId;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.settings.BackendSwitched;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.util.function.Consumer;

/**
 * The main window's content: sidebar, the current screen, the status bar. Switches screens
 * (deactivating the one it leaves), routes shortcut actions to the visible screen, and rebuilds
 * every screen when Settings switches backend.
 */
final class MainWindow extends BorderPane {

    private final StackPane content = new StackPane();
    private final StatusBar statusBar;
    private final Consumer<ScreenId> onScreenShown;
    private final Sidebar sidebar;
    private final Label backendLabel;
    private ScreenRegistry registry;
    private ScreenId current;
    private Screen currentScreen;

    MainWindow(ScreenRegistry registry, StatusBar statusBar, Consumer<ScreenId> onScreenShown) {
        this.registry = registry;
        this.statusBar = statusBar;
        this.onScreenShown = onScreenShown;
        getStyleClass().add("main-window");
        sidebar = new Sidebar(registry.settings().describe(), this::show);
        backendLabel = (Label) sidebar.lookup("#sidebar-backend");
        content.getStyleClass().add("screen-content");
        setLeft(sidebar);
        setCenter(content);
        setBottom(statusBar);
        ConsoleContext context = registry.context();
        subscribeShellEvents(context);
    }

    private void subscribeShellEvents(ConsoleContext context) {
        context.events().subscribe(ConsoleEvents.ShowScreen.class, e -> show(e.screen()));
        context.events().subscribe(ConsoleEvents.OpenRun.class, e -> show(ScreenId.RUNS));
        context.events().subscribe(ConsoleEvents.CompareRuns.class, e -> show(ScreenId.COMPARE));
        context.events().subscribe(ConsoleEvents.OpenInTestScrape.class, e -> show(ScreenId.TEST_SCRAPE));
        context.events().subscribe(ConsoleEvents.ShowLogs.class, e -> show(ScreenId.LOGS));
        context.events().subscribe(BackendSwitched.class, this::switchBackend);
    }

    /** Shows a screen; the one left is deactivated first. */
    void show(ScreenId id) {
        Screen next = registry.get(id);
        sidebar.select(id);
        if (next == currentScreen) {
            return;
        }
        if (currentScreen != null) {
            currentScreen.deactivate();
        }
        current = id;
        currentScreen = next;
        content.getChildren().setAll(next.view());
        next.activate();
        onScreenShown.accept(id);
    }

    /** Routes a shortcut to the visible screen; NEW falls back to Schedules, where new things are made. */
    void handle(ScreenAction action) {
        if (currentScreen != null && currentScreen.handle(action)) {
            return;
        }
        if (action == ScreenAction.NEW && current != ScreenId.SCHEDULES) {
            show(ScreenId.SCHEDULES);
            currentScreen.handle(action);
        }
    }

    ScreenId current() {
        return current;
    }

    StatusBar statusBar() {
        return statusBar;
    }

    void close() {
        if (currentScreen != null) {
            currentScreen.deactivate();
            currentScreen = null;
        }
    }

    /** The console is closing: every screen lets go of what it holds, then the backend is closed. */
    void dispose() {
        close();
        registry.disposeAll();
        registry.context().backend().close();
    }

    private void switchBackend(BackendSwitched event) {
        ConsoleContext old = registry.context();
        ScreenId showing = current == null ? ScreenId.SETTINGS : current;
        close();
        registry.disposeAll();
        ConsoleContext context = new ConsoleContext(event.backend(), old.tasks(), old.events(), old.notifier(),
                old.clock(), old.operatorZone(), old.dataDir());
        BackendConnector connector = registry.connector();
        BackendSettings settings = event.settings();
        registry = new ScreenRegistry(context, settings, connector, registry.inProcessWorker());
        backendLabel.setText(settings.describe());
        old.tasks().task("Closing the previous backend", ctx -> {
            old.backend().close();
            return null;
        }).start();
        show(showing);
        statusBar.info("Now working on " + settings.describe());
    }
}
