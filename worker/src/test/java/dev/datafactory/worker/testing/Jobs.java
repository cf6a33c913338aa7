package dev.datafactory.worker.testing;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.CanaryEventSink;
import dev.datafactory.model.spec.ScrapeSpecCodec;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds jobs from spec JSON, the way operators write them. */
public final class Jobs {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private Jobs() {
    }

    public static JobRequest job(String specJson) {
        int n = SEQ.incrementAndGet();
        return new JobRequest("job-" + n, "run-" + n, "sched-test", Trigger.TEST, 1,
                ScrapeSpecCodec.parse("test spec", specJson), Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A canary sink that keeps every event. */
    public static final class Events implements CanaryEventSink {
        private final List<CanaryEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void emit(CanaryEvent event) {
            events.add(event);
        }

        public List<CanaryEvent> forJob(String jobId) {
            return events.stream().filter(e -> e.labels().job().equals(jobId)).toList();
        }

        public List<CanaryEvent> all() {
            return List.copyOf(events);
        }
    }
}
