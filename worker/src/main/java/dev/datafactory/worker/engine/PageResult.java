package dev.datafactory.worker.engine;

import dev.datafactory.model.run.EnvironmentFingerprint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one page visit produced. */
record PageResult(Kind kind, String url, int httpStatus, List<Map<String, Object>> items, List<String> links,
                  List<String> blockSignals, List<String> screenshots, Optional<String> error,
                  Optional<EnvironmentFingerprint> fingerprint) {

    enum Kind {
        /** Loaded (and extracted, if it matched the pattern). */
        OK,
        /** A block signal matched. */
        BLOCKED,
        /** Navigation or the wait condition timed out. */
        TIMED_OUT,
        /** The site failed us (HTTP error, network error, bad redirect). */
        FAILED,
        /** The browser went away under us: the job should be delivered again. */
        CRASHED,
        /** The artifact store refused a write: nothing is recorded and the job should be delivered again. */
        STORE_FAILED,
        /** Not visited because the job had already stopped. */
        SKIPPED
    }

    PageResult {
        items = List.copyOf(items);
        links = List.copyOf(links);
        blockSignals = List.copyOf(blockSignals);
        screenshots = List.copyOf(screenshots);
    }

    static PageResult of(Kind kind, String url, String error) {
        return new PageResult(kind, url, 0, List.of(), List.of(), List.of(), List.of(), Optional.ofNullable(error),
                Optional.empty());
    }
}
