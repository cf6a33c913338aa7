package dev.datafactory.model.schedule;

/**
 * How often a job of this schedule is delivered before it is dead-lettered, and the backoff between
 * deliveries. Maps to Cloud Scheduler's retry config and to the queue's redelivery locally.
 */
public record RetryPolicy(int maxAttempts, int minBackoffSeconds, int maxBackoffSeconds) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, 10, 600);
    }
}
