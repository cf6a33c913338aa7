package dev.datafactory.worker.engine;

import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.CanaryEventSink;

import java.time.Clock;
import java.util.Optional;

/** Canary lines of one job: every line carries the job's labels (run, job, schedule, env, build) and trace. */
final class JobCanary {

    private final CanaryEventSink sink;
    private final CanaryLabels labels;
    private final Optional<String> trace;
    private final Clock clock;

    JobCanary(CanaryEventSink sink, CanaryLabels labels, Optional<String> trace, Clock clock) {
        this.sink = sink;
        this.labels = labels;
        this.trace = trace;
        this.clock = clock;
    }

    void emit(Severity severity, String message, CanaryDetail detail) {
        CanaryEvent event = CanaryEvent.of(severity, message, clock.instant(), labels).withDetail(detail);
        sink.emit(trace.map(event::withTrace).orElse(event));
    }
}
