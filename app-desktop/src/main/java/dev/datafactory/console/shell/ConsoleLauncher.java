package dev.datafactory.console.shell;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Starts the JavaFX toolkit, opens the console, and waits until its window is closed. */
public final class ConsoleLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLauncher.class);

    private ConsoleLauncher() {
    }

    /** Blocks until the operator closes the console; returns the exit code for the command. */
    public static int run(ConsoleLaunch launch) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            ConsoleApp app = new ConsoleApp(launch);
            Stage stage = new Stage();
            stage.setOnHidden(e -> {
                try {
                    app.stop();
                } finally {
                    closed.countDown();
                }
            });
            try {
                app.init();
                app.start(stage);
            } catch (Exception | LinkageError e) {
                failure.set(e);
                closed.countDown();
            }
        });
        closed.await();
        Platform.exit();
        Throwable error = failure.get();
        if (error != null) {
            LOG.error("The console could not start: {}", error.toString());
            return 1;
        }
        return 0;
    }
}
