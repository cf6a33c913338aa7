package dev.datafactory.console.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs each task at once on the calling thread, callbacks included: view-model tests need neither
 * the FX toolkit nor waiting. Uncaught failures (no {@code onError}) are kept for the test to see.
 */
public final class SameThreadTaskExecutor implements TaskExecutor {

    private final List<Throwable> unhandled = new ArrayList<>();
    private final List<String> started = new ArrayList<>();

    @Override
    public <T> TaskBuilder<T> task(String description, BackgroundWork<T> work) {
        return new TaskBuilder<>(description, work, this::run);
    }

    /** Failures of tasks that had no {@code onError}, in order. */
    public List<Throwable> unhandledErrors() {
        return List.copyOf(unhandled);
    }

    /** Descriptions of every task started so far, in order. */
    public List<String> startedTasks() {
        return List.copyOf(started);
    }

    private <T> TaskHandle run(TaskBuilder<T> spec) {
        started.add(spec.description());
        Handle handle = new Handle(spec.description());
        Consumer<Throwable> fallback = unhandled::add;
        T value;
        try {
            value = spec.work().run(handle);
        } catch (Exception | LinkageError e) {
            handle.running.set(false);
            spec.fail(e, fallback);
            return handle;
        }
        handle.running.set(false);
        if (handle.cancelled) {
            spec.cancelled();
        } else {
            spec.succeed(value);
        }
        return handle;
    }

    @Override
    public void close() {
        // Nothing runs in the background.
    }

    private static final class Handle implements TaskHandle, TaskContext {

        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
        private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);
        private boolean cancelled;

        Handle(String description) {
            message.set(description);
        }

        @Override
        public void progress(long done, long total) {
            progress.set(total <= 0 ? -1 : (double) done / total);
        }

        @Override
        public void message(String text) {
            message.set(text);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyBooleanProperty runningProperty() {
            return running.getReadOnlyProperty();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
