package dev.datafactory.local.queue;

import java.net.URI;
import java.time.Duration;

/**
 * How the dispatcher pushes: to which URL, how many deliveries at once (the worker's capacity),
 * how long a delivery may take before it counts as failed (Pub/Sub's ack deadline), how long to
 * sleep when idle, and how long to let in-flight deliveries finish on shutdown.
 */
public record DispatcherSettings(URI pushUrl, int concurrency, Duration ackDeadline, Duration pollInterval,
                                 Duration shutdownGrace, String subscription) {

    public static final String SUBSCRIPTION = "projects/local/subscriptions/datafactory-jobs";

    public DispatcherSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
    }

    public static DispatcherSettings defaults(URI pushUrl) {
        return new DispatcherSettings(pushUrl, 2, Duration.ofMinutes(10), Duration.ofMillis(500),
                Duration.ofSeconds(30), SUBSCRIPTION);
    }

    public DispatcherSettings withConcurrency(int value) {
        return new DispatcherSettings(pushUrl, value, ackDeadline, pollInterval, shutdownGrace, subscription);
    }

    public DispatcherSettings withAckDeadline(Duration value) {
        return new DispatcherSettings(pushUrl, concurrency, value, pollInterval, shutdownGrace, subscription);
    }

    public DispatcherSettings withPollInterval(Duration value) {
        return new DispatcherSettings(pushUrl, concurrency, ackDeadline, value, shutdownGrace, subscription);
    }

    public DispatcherSettings withShutdownGrace(Duration value) {
        return new DispatcherSettings(pushUrl, concurrency, ackDeadline, pollInterval, value, subscription);
    }
}
