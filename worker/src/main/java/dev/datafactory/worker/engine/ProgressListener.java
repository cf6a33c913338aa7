package dev.datafactory.worker.engine;

/** Receives a job's progress; called from the engine's worker threads, so it must be quick and thread-safe. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(ScrapeProgress progress);
}
