package dev.datafactory.local.support;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.logs.LogRetention;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Local factories on a test's own data directory, with redelivery backoff in tens of milliseconds. */
public final class Factories {

    private Factories() {
    }

    public static LocalFactorySettings fastSettings() {
        return LocalFactorySettings.defaults().withBackoffUnit(Duration.ofMillis(20))
                .withTickInterval(Duration.ofMillis(100)).withSyncArtifacts(false);
    }

    public static LocalFactory open(Path dir, Clock clock) {
        return LocalFactory.open(new DataDirectory(dir), fastSettings(), clock);
    }

    public static LocalFactory open(Path dir, Clock clock, LogRetention retention) {
        LocalFactorySettings s = fastSettings();
        return LocalFactory.open(new DataDirectory(dir), new LocalFactorySettings(s.defaultRetry(), s.backoffUnit(),
                retention, s.tickInterval(), s.syncArtifacts(), s.keepDoneJobs()), clock);
    }
}
