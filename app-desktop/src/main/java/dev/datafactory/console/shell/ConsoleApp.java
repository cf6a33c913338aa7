package dev.datafactory.console.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.FxTaskExecutor;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.ScreenId;
import dev.datafactory.console.common.UserMessages;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The operator console. Built with what the launcher opened ({@link ConsoleLaunch}) rather than
 * through {@code Application.launch}'s no-argument constructor, so nothing is passed by static
 * fields; {@link ConsoleLauncher} starts the toolkit and runs it, TestFX can set it up directly.
 */
public final class ConsoleApp extends Application {

    public static final String TITLE = "Data Factory";
    private static final KeyCombination DELETE = new KeyCodeCombination(KeyCode.DELETE);

    private final ConsoleLaunch launch;
    private FxTaskExecutor tasks;
    private MainWindow window;
    private WindowStateStore stateStore;
    private WindowState state;
    private Stage stage;

    public ConsoleApp(ConsoleLaunch launch) {
        this.launch = Objects.requireNonNull(launch);
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        stateStore = new WindowStateStore(launch.dataDir());
        state = stateStore.load();
        applyTheme(state.dark());

        // The status bar needs the executor's busy count and the executor reports to the status bar.
        AtomicReference<StatusBar> bar = new AtomicReference<>();
        tasks = new FxTaskExecutor(FxTaskExecutor.daemonPool("console-task", 4),
                e -> bar.get().error(UserMessages.describe(e)));
        StatusBar statusBar = new StatusBar(tasks.runningProperty());
        bar.set(statusBar);

        ConsoleContext context = new ConsoleContext(launch.backend(), tasks, new EventBus(), statusBar, launch.clock(),
                launch.operatorZone(), launch.dataDir());
        window = new MainWindow(new ScreenRegistry(context, launch.settings(), launch.connector(),
                launch.inProcessWorker()), statusBar, this::screenShown);

        Scene scene = new Scene(window, state.width(), state.height());
        scene.getStylesheets().add(Objects.requireNonNull(
                ConsoleApp.class.getResource("/dev/datafactory/console/console.css")).toExternalForm());
        installShortcuts(scene);
        stage.setTitle(TITLE + " — " + launch.settings().describe());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (state.hasPosition()) {
            stage.setX(state.x());
            stage.setY(state.y());
        }
        stage.setMaximized(state.maximized());
        window.show(state.lastScreen());
        stage.show();
    }

    @Override
    public void stop() {
        if (window == null) {
            return;
        }
        if (stage != null) {
            state = currentBounds();
        }
        stateStore.save(state);
        window.dispose();
        tasks.close();
        window = null;
    }

    /** Remembered at once, so a console that is killed rather than closed still reopens where it was. */
    private void screenShown(ScreenId id) {
        state = state.withLastScreen(id);
        if (stateStore != null && stage != null && stage.isShowing()) {
            stateStore.save(currentBounds());
        }
    }

    private WindowState currentBounds() {
        return stage.isMaximized() ? state.withBounds(state.x(), state.y(), state.width(), state.height(), true)
                : state.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
    }

    /** AtlantaFX's Primer theme, set once for the whole application. */
    private static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void installShortcuts(Scene scene) {
        ScreenId[] ids = ScreenId.values();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6};
        for (int i = 0; i < ids.length; i++) {
            ScreenId id = ids[i];
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> window.show(id));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                () -> window.handle(ScreenAction.NEW));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                () -> window.handle(ScreenAction.RUN));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> window.handle(ScreenAction.REFRESH));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                () -> window.handle(ScreenAction.SAVE));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::toggleTheme);
        // Not an accelerator: those are matched before the focused control sees the key, and Delete
        // belongs to a text field being typed in. A handler on the scene hears it only when no control
        // consumed it, and the focus check covers controls that let it pass.
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (DELETE.match(e) && !typingIn(scene.getFocusOwner())) {
                window.handle(ScreenAction.DELETE);
            }
        });
    }

    /** Whether Delete at this node edits text rather than the selection. */
    private static boolean typingIn(Node focused) {
        return focused instanceof TextInputControl
                || focused instanceof ComboBoxBase<?> combo && combo.isEditable()
                || focused instanceof Spinner<?> spinner && spinner.isEditable();
    }

    private void toggleTheme() {
        state = state.withDark(!state.dark());
        applyTheme(state.dark());
    }
}
