package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;

/**
 * Where a test scrape runs: the worker behind a backend's queue. The local backend's queue feeds
 * the in-process (or configured) local worker; the GCP backend's Pub/Sub topic feeds Cloud Run.
 */
public record RunTarget(String label, ConsoleBackend backend) {

    public static RunTarget of(ConsoleBackend backend) {
        String label = "gcp".equalsIgnoreCase(backend.name())
                ? "Cloud worker (Pub/Sub, " + backend.description() + ")"
                : "Local worker";
        return new RunTarget(label, backend);
    }

    @Override
    public String toString() {
        return label;
    }
}
