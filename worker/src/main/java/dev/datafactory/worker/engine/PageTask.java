package dev.datafactory.worker.engine;

/** One page of a job waiting for a browser thread; {@code seq} keeps output in discovery order. */
record PageTask(JobRun job, String url, int depth, int seq) {
}
