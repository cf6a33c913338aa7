package dev.datafactory.model.ports;

import dev.datafactory.model.canary.CanaryEvent;

/** Where a worker writes its canary lines: stdout in the cloud (Cloud Logging reads it), the log store locally. */
@FunctionalInterface
public interface CanaryEventSink {

    void emit(CanaryEvent event);
}
