package dev.datafactory.local.logs;

import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.CanaryEventSink;

import java.time.Clock;

/**
 * What the factory itself says into the canary log (firings, missed slots, dead letters), beside
 * what the worker writes, with the same labels so one query shows a run's whole story.
 */
public final class FactoryEvents {

    public static final String ENV = "local";

    private final CanaryEventSink sink;
    private final Clock clock;
    private final String build;

    public FactoryEvents(CanaryEventSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
        this.build = BuildInfo.current().label();
    }

    public void emit(Severity severity, String message, String run, String job, String schedule) {
        sink.emit(CanaryEvent.of(severity, message, clock.instant(),
                new CanaryLabels(run, job, schedule, ENV, build)));
    }
}
