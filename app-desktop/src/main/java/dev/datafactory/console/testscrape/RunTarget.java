package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;

import java.util.function.Supplier;

/**
 * Where a test scrape runs: the worker behind a backend's queue. The local backend's queue feeds
 * the local worker; the GCP backend's Pub/Sub topic feeds Cloud Run. {@code backend} is only asked
 * for off the FX thread (opening a cloud backend the first time touches the network).
 */
public record RunTarget(String label, Supplier<ConsoleBackend> backendSource) {

    /** The console's own backend, already open. */
    public static RunTarget of(ConsoleBackend backend) {
        return new RunTarget(labelOf(backend.name(), backend.description()), () -> backend);
    }

    static String labelOf(String backendName, String description) {
        return "gcp".equalsIgnoreCase(backendName)
                ? "Cloud worker · " + description
                : "Local worker · " + description;
    }

    public ConsoleBackend backend() {
        return backendSource.get();
    }

    @Override
    public String toString() {
        return label;
    }
}
