package dev.datafactory.console.common;

/** What background work may tell the console while it runs, and how it learns it was cancelled. */
public interface TaskContext {

    /** Progress as {@code done} of {@code total}; safe to call from the background thread. */
    void progress(long done, long total);

    /** A short line for the status bar, e.g. "Publishing job 3 of 10". */
    void message(String text);

    /** Long work checks this between steps and returns early when it is set. */
    boolean isCancelled();
}
