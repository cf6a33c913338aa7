package dev.datafactory.local;

import dev.datafactory.local.logs.LogRetention;
import dev.datafactory.model.schedule.RetryPolicy;

import java.time.Duration;

/**
 * Tunables of the local factory. {@code backoffUnit} is what one second of a retry policy's backoff
 * means (one second, except in tests that want redelivery in milliseconds); {@code syncArtifacts}
 * forces each artifact to disk before it becomes visible.
 */
public record LocalFactorySettings(RetryPolicy defaultRetry, Duration backoffUnit, LogRetention logRetention,
                                   Duration tickInterval, boolean syncArtifacts, Duration keepDoneJobs) {

    public static LocalFactorySettings defaults() {
        return new LocalFactorySettings(RetryPolicy.defaults(), Duration.ofSeconds(1), LogRetention.defaults(),
                Duration.ofSeconds(1), true, Duration.ofDays(7));
    }

    public LocalFactorySettings withBackoffUnit(Duration value) {
        return new LocalFactorySettings(defaultRetry, value, logRetention, tickInterval, syncArtifacts, keepDoneJobs);
    }

    public LocalFactorySettings withDefaultRetry(RetryPolicy value) {
        return new LocalFactorySettings(value, backoffUnit, logRetention, tickInterval, syncArtifacts, keepDoneJobs);
    }

    public LocalFactorySettings withTickInterval(Duration value) {
        return new LocalFactorySettings(defaultRetry, backoffUnit, logRetention, value, syncArtifacts, keepDoneJobs);
    }

    public LocalFactorySettings withLogRetention(LogRetention value) {
        return new LocalFactorySettings(defaultRetry, backoffUnit, value, tickInterval, syncArtifacts, keepDoneJobs);
    }

    public LocalFactorySettings withSyncArtifacts(boolean value) {
        return new LocalFactorySettings(defaultRetry, backoffUnit, logRetention, tickInterval, value, keepDoneJobs);
    }
}
