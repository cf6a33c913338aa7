package dev.datafactory.console.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Collects the callbacks of one background call (all of them run on the FX thread), then starts
 * it. Without an {@code onError} the executor's fallback reporter shows the failure.
 */
public final class TaskBuilder<T> {

    /** How an executor starts a fully described task. */
    @FunctionalInterface
    interface Starter {
        <T> TaskHandle start(TaskBuilder<T> task);
    }

    private final String description;
    private final BackgroundWork<T> work;
    private final Starter starter;
    private Consumer<? super T> onSuccess = value -> { };
    private Consumer<Throwable> onError;
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };

    TaskBuilder(String description, BackgroundWork<T> work, Starter starter) {
        this.description = Objects.requireNonNull(description, "description");
        this.work = Objects.requireNonNull(work, "work");
        this.starter = starter;
    }

    public TaskBuilder<T> onSuccess(Consumer<? super T> handler) {
        this.onSuccess = Objects.requireNonNull(handler);
        return this;
    }

    public TaskBuilder<T> onError(Consumer<Throwable> handler) {
        this.onError = Objects.requireNonNull(handler);
        return this;
    }

    public TaskBuilder<T> onCancelled(Runnable handler) {
        this.onCancelled = Objects.requireNonNull(handler);
        return this;
    }

    /** Runs after success, error or cancellation: the place to clear a "busy" flag. */
    public TaskBuilder<T> onFinished(Runnable handler) {
        this.onFinished = Objects.requireNonNull(handler);
        return this;
    }

    public TaskHandle start() {
        return starter.start(this);
    }

    String description() {
        return description;
    }

    BackgroundWork<T> work() {
        return work;
    }

    void succeed(T value) {
        try {
            onSuccess.accept(value);
        } finally {
            onFinished.run();
        }
    }

    void fail(Throwable error, Consumer<Throwable> fallback) {
        try {
            (onError != null ? onError : fallback).accept(error);
        } finally {
            onFinished.run();
        }
    }

    void cancelled() {
        try {
            onCancelled.run();
        } finally {
            onFinished.run();
        }
    }
}
