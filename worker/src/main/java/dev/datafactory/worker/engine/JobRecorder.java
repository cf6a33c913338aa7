package dev.datafactory.worker.engine;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a job's final outcome: items as JSON lines (create-if-absent: the idempotency key of a
 * redelivered job), then its run record, then the closing canary line. A job that is retried is
 * never recorded here, so a redelivery finds nothing half-written.
 */
final class JobRecorder {

    /** What a finished job hands over to be recorded. */
    record Final(JobIdentity id, RunStatus status, BlockVerdict verdict, List<Map<String, Object>> items, int pages,
                 Instant startedAt, EnvironmentFingerprint fingerprint, List<String> screenshots,
                 Optional<String> error) {
    }

    private final ArtifactStore store;
    private final EngineConfig config;

    JobRecorder(ArtifactStore store, EngineConfig config) {
        this.store = store;
        this.config = config;
    }

    static String resultKey(JobIdentity id) {
        return ArtifactKeys.results(id.scheduleId(), id.runId(), id.jobId());
    }

    JobOutcome record(Final f, JobCanary canary) {
        String resultKey = resultKey(f.id());
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> item : f.items()) {
            lines.append(Json.write(item)).append('\n');
        }
        Map<String, String> metadata = Map.of("status", f.status().name(), "items", String.valueOf(f.items().size()),
                "build", config.build().label(), "environment", config.environment());
        boolean created = store.putIfAbsent(resultKey, lines.toString().getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", metadata);
        if (!created) {
            // Another delivery of the same job finished first; its record stands.
            return new JobOutcome.AlreadyDone(resultKey, existingRecord(f.id()));
        }
        RunRecord record = new RunRecord(f.id().runId(), f.id().jobId(), f.id().scheduleId(), f.id().trigger(),
                f.id().attempt(), f.status(), f.verdict(), f.items().size(), f.pages(), f.startedAt(),
                config.clock().instant(), config.build().label(), config.environment(), f.fingerprint(),
                f.screenshots(), Optional.of(resultKey), f.error());
        store.put(ArtifactKeys.runRecord(f.id().runId(), f.id().jobId()), RunRecordCodec.toBytes(record),
                "application/json", metadata);
        canary.emit(severity(f.status()), message(record), CanaryDetail.step("finish")
                .withVerdict(f.verdict().summary()).withFingerprint(f.fingerprint()));
        return new JobOutcome.Recorded(record);
    }

    Optional<RunRecord> existingRecord(JobIdentity id) {
        return store.get(ArtifactKeys.runRecord(id.runId(), id.jobId())).flatMap(bytes -> {
            try {
                return Optional.of(RunRecordCodec.parse(bytes));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Severity severity(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> Severity.INFO;
            case BLOCKED, TIMED_OUT -> Severity.WARNING;
            case CANCELLED -> Severity.NOTICE;
            case FAILED -> Severity.ERROR;
        };
    }

    private static String message(RunRecord r) {
        String base = "job " + r.status() + ": " + r.items() + " items from " + r.pages() + " pages in "
                + r.duration().toMillis() + " ms";
        return r.error().map(e -> base + "; " + e).orElse(base);
    }
}
