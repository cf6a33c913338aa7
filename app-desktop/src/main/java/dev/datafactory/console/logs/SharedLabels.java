package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets lines with equal labels share one {@link CanaryLabels} object. Lines read from a log file
 * each carry their own five label strings although a run writes thousands of lines with the same
 * ones; the view keeps up to {@link LogsViewModel#DEFAULT_CAPACITY} lines, and every young GC
 * copies the lines that arrived since the last one, so fewer bytes per line are shorter pauses.
 * Thread-safe: the tail's thread shares labels as lines arrive, a task's thread for history.
 */
final class SharedLabels {

    /** A flood of lines with a new run id each must not grow this without end: start over past it. */
    private static final int MAX_DISTINCT = 10_000;

    private final Map<CanaryLabels, CanaryLabels> known = new ConcurrentHashMap<>();

    /** The same line, its labels replaced by an equal shared instance. */
    CanaryEvent share(CanaryEvent event) {
        CanaryLabels labels = event.labels();
        CanaryLabels shared = known.putIfAbsent(labels, labels);
        if (shared == null) {
            if (known.size() > MAX_DISTINCT) {
                known.clear();
            }
            return event;
        }
        if (shared == labels) {
            return event;
        }
        return new CanaryEvent(event.severity(), event.message(), event.time(), shared, event.trace(),
                event.canary());
    }

    List<CanaryEvent> shareAll(List<CanaryEvent> events) {
        return events.stream().map(this::share).toList();
    }
}
