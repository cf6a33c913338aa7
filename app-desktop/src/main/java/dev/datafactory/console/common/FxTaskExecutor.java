package dev.datafactory.console.common;

import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.validation.InvalidInputException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The console's executor: each task is a {@link javafx.concurrent.Task} run on an injected
 * executor; JavaFX delivers its state changes (and so our callbacks) on the FX thread.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService executor;
    private final Consumer<Throwable> fallbackErrors;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");

    public FxTaskExecutor(ExecutorService executor, Consumer<Throwable> fallbackErrors) {
        this.executor = executor;
        this.fallbackErrors = fallbackErrors;
    }

    /** A pool of named daemon threads, so a forgotten task never keeps the JVM alive. */
    public static ExecutorService daemonPool(String namePrefix, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, namePrefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> TaskBuilder<T> task(String description, BackgroundWork<T> work) {
        return new TaskBuilder<>(description, work, this::launch);
    }

    /** How many tasks are running now (FX thread): drives the status bar's busy indicator. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    private <T> TaskHandle launch(TaskBuilder<T> spec) {
        FxTask<T> task = new FxTask<>(spec);
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> {
            running.set(running.get() - 1);
            spec.succeed(task.getValue());
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            running.set(running.get() - 1);
            Throwable error = task.getException();
            if (error instanceof BackendException || error instanceof InvalidInputException) {
                // Expected outcomes with operator-readable messages: the UI shows them, the log need not.
                LOG.debug("{} failed: {}", spec.description(), error.getMessage());
            } else {
                // A bug or an unforeseen failure: the operator gets a sentence, the log gets the details.
                LOG.error("{} failed unexpectedly", spec.description(), error);
            }
            spec.fail(error, fallbackErrors);
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> {
            running.set(running.get() - 1);
            spec.cancelled();
        });
        running.set(running.get() + 1);
        executor.execute(task);
        return new Handle(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.info("Background tasks still running at shutdown; they are daemon threads and end with the JVM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JavaFX task; its handle is a thin view, as Task's own cancel() has another signature. */
    private static final class FxTask<T> extends Task<T> implements TaskContext {

        private final TaskBuilder<T> spec;

        FxTask(TaskBuilder<T> spec) {
            this.spec = spec;
            updateMessage(spec.description());
        }

        @Override
        protected T call() throws Exception {
            return spec.work().run(this);
        }

        @Override
        public void progress(long done, long total) {
            updateProgress(done, total);
        }

        @Override
        public void message(String text) {
            updateMessage(text);
        }
    }

    private record Handle(FxTask<?> task) implements TaskHandle {

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return task.progressProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return task.messageProperty();
        }

        @Override
        public ReadOnlyBooleanProperty runningProperty() {
            return task.runningProperty();
        }

        @Override
        public void cancel() {
            // Cancelling on the FX thread keeps the CANCELLED event ordered after pending updates.
            if (Platform.isFxApplicationThread()) {
                task.cancel(true);
            } else {
                Platform.runLater(() -> task.cancel(true));
            }
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }
    }
}
