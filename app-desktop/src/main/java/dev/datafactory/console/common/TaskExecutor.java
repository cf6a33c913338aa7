package dev.datafactory.console.common;

/**
 * Runs backend calls off the FX thread and reports back on it. Every screen does its background
 * work through the one executor it is given, so tests can swap in {@link SameThreadTaskExecutor}
 * and reason about view models deterministically.
 *
 * <pre>{@code
 * tasks.task("Loading schedules", ctx -> backend.schedules().list())
 *      .onSuccess(rows::setAll)
 *      .onError(e -> status.set(UserMessages.describe(e)))
 *      .start();
 * }</pre>
 */
public interface TaskExecutor extends AutoCloseable {

    /** Describes a background call; nothing runs until {@link TaskBuilder#start()}. */
    <T> TaskBuilder<T> task(String description, BackgroundWork<T> work);

    /** Cancels what is still running and stops the threads. */
    @Override
    void close();
}
