package dev.datafactory.local.conformance;

import dev.datafactory.local.logs.LocalCanaryLogs;
import dev.datafactory.local.logs.LogRetention;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.conformance.CanaryLogsConformance;
import dev.datafactory.model.ports.CanaryLogs;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Events are seeded through the sink the in-process worker writes to; small files so queries cross rotations. */
class LocalCanaryLogsConformanceTest extends CanaryLogsConformance {

    @TempDir
    Path dir;

    private LocalCanaryLogs store;

    @Override
    protected CanaryLogs newLogs() {
        store = new LocalCanaryLogs(dir, new LogRetention(1024, 100), Clock.systemUTC(), Duration.ofMillis(50));
        return store;
    }

    @Override
    protected void write(CanaryEvent event) {
        store.emit(event);
    }
}
