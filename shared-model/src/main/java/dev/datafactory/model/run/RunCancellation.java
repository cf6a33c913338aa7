package dev.datafactory.model.run;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancelling a run through the artifact store, so that it works wherever the worker runs: the
 * console or the CLI writes {@code cancel/{run}.json}; a worker that finds it before a job starts
 * records the job CANCELLED without opening a page, and one that finds it while the job runs stops
 * between pages and records what it has. Jobs already recorded keep their outcome.
 */
public final class RunCancellation {

    private final ArtifactStore store;
    private final Clock clock;

    public RunCancellation(ArtifactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Asks the workers to stop the run. Idempotent: a second request leaves the first one (and its
     * time) in place. Returns whether this call made the request.
     */
    public boolean request(String runId, String requestedBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", runId);
        body.put("requestedAt", clock.instant().toString());
        body.put("requestedBy", requestedBy);
        return store.putIfAbsent(ArtifactKeys.cancelRequest(runId), Json.write(body).getBytes(StandardCharsets.UTF_8),
                "application/json", Map.of("runId", runId));
    }

    public boolean isRequested(String runId) {
        return store.stat(ArtifactKeys.cancelRequest(runId)).isPresent();
    }
}
