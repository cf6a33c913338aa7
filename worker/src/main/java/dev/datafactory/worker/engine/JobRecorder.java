package dev.datafactory.worker.engine;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a job's final outcome: items as JSON lines (create-if-absent: the idempotency key of a
 * redelivered job), then its run record, then the closing canary line. A job that is retried is
 * never recorded here, so a redelivery finds nothing half-written. If the store fails between the
 * two writes, the items stand and the results object's metadata holds enough of the record for the
 * redelivery to write it ({@link #existingOrRebuilt}).
 */
final class JobRecorder {

    /** What a finished job hands over to be recorded. */
    record Final(JobIdentity id, RunStatus status, BlockVerdict verdict, List<Map<String, Object>> items, int pages,
                 Instant startedAt, EnvironmentFingerprint fingerprint, List<String> screenshots,
                 Optional<String> error) {
    }

    /** Waits between attempts at the run record: a store that hiccups gets a moment, one that is down does not hold the job long. */
    private static final List<Duration> RECORD_RETRIES = List.of(Duration.ofMillis(200), Duration.ofSeconds(1));
    private static final int MAX_ERROR_METADATA = 1000;

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
        Instant finishedAt = config.clock().instant();
        Map<String, String> metadata = metadata(f, finishedAt);
        boolean created = store.putIfAbsent(resultKey, lines.toString().getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", metadata);
        if (!created) {
            // Another delivery of the same job finished first; its record stands.
            return new JobOutcome.AlreadyDone(resultKey, existingOrRebuilt(f.id(), canary));
        }
        RunRecord record = new RunRecord(f.id().runId(), f.id().jobId(), f.id().scheduleId(), f.id().trigger(),
                f.id().attempt(), f.status(), f.verdict(), f.items().size(), f.pages(), f.startedAt(),
                finishedAt, config.build().label(), config.environment(), f.fingerprint(),
                f.screenshots(), Optional.of(resultKey), f.error());
        String recordKey = ArtifactKeys.runRecord(f.id().runId(), f.id().jobId());
        try {
            writeRecord(recordKey, record, metadata);
        } catch (RuntimeException e) {
            String reason = ErrorReasons.firstLine(e);
            canary.emit(Severity.ERROR, "the run record could not be written (" + reason + "); the items are"
                    + " stored and the next delivery writes the record", CanaryDetail.step("record"));
            return new JobOutcome.Retryable("run record " + recordKey + " could not be written: " + reason);
        }
        canary.emit(severity(f.status()), message(record), CanaryDetail.step("finish")
                .withVerdict(f.verdict().summary()).withFingerprint(f.fingerprint()));
        return new JobOutcome.Recorded(record);
    }

    private void writeRecord(String key, RunRecord record, Map<String, String> metadata) {
        byte[] bytes = RunRecordCodec.toBytes(record);
        for (int attempt = 0; ; attempt++) {
            try {
                store.put(key, bytes, "application/json", metadata);
                return;
            } catch (RuntimeException e) {
                if (attempt >= RECORD_RETRIES.size()) {
                    throw e;
                }
                try {
                    Thread.sleep(RECORD_RETRIES.get(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Enough of the record, on the results object, to write it again if the record write is lost. */
    private Map<String, String> metadata(Final f, Instant finishedAt) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", f.status().name());
        m.put("items", String.valueOf(f.items().size()));
        m.put("build", config.build().label());
        m.put("environment", config.environment());
        m.put("pages", String.valueOf(f.pages()));
        m.put("attempt", String.valueOf(f.id().attempt()));
        m.put("startedAt", f.startedAt().toString());
        m.put("finishedAt", finishedAt.toString());
        if (f.verdict().blocked()) {
            m.put("blockSignals", Json.write(f.verdict().signals()));
        }
        f.error().ifPresent(e -> m.put("error", e.length() > MAX_ERROR_METADATA
                ? e.substring(0, MAX_ERROR_METADATA) + "…" : e));
        return m;
    }

    /**
     * The job's run record; when the items are stored but the record is not (its write failed), the
     * record is written from the results object's metadata, without the fingerprint (which the job's
     * canary lines carry). Empty for results written by a build that did not keep that metadata.
     */
    Optional<RunRecord> existingOrRebuilt(JobIdentity id, JobCanary canary) {
        Optional<RunRecord> existing = existingRecord(id);
        if (existing.isPresent()) {
            return existing;
        }
        String resultKey = resultKey(id);
        Optional<RunRecord> rebuilt = store.stat(resultKey).flatMap(info -> rebuild(id, info));
        rebuilt.ifPresent(r -> {
            store.putIfAbsent(ArtifactKeys.runRecord(id.runId(), id.jobId()), RunRecordCodec.toBytes(r),
                    "application/json", Map.of("status", r.status().name()));
            canary.emit(Severity.NOTICE, "run record written from the stored results after an earlier write failed;"
                    + " the environment fingerprint is in this job's canary lines", CanaryDetail.step("record"));
        });
        return rebuilt;
    }

    private Optional<RunRecord> rebuild(JobIdentity id, ArtifactInfo info) {
        Map<String, String> m = info.metadata();
        if (!m.containsKey("status") || !m.containsKey("startedAt") || !m.containsKey("finishedAt")) {
            return Optional.empty();
        }
        try {
            String environment = m.getOrDefault("environment", config.environment());
            BlockVerdict verdict = m.containsKey("blockSignals")
                    ? BlockVerdict.blockedBy(Arrays.asList(Json.mapper().readValue(m.get("blockSignals"), String[].class)))
                    : BlockVerdict.clear();
            List<String> screenshots = store.list(ArtifactKeys.screenshotPrefix(id.scheduleId(), id.runId(),
                    id.jobId())).stream().map(ArtifactInfo::key).filter(k -> k.endsWith(".png")).toList();
            return Optional.of(new RunRecord(id.runId(), id.jobId(), id.scheduleId(), id.trigger(),
                    Integer.parseInt(m.getOrDefault("attempt", String.valueOf(id.attempt()))),
                    RunStatus.valueOf(m.get("status")), verdict, Integer.parseInt(m.getOrDefault("items", "0")),
                    Integer.parseInt(m.getOrDefault("pages", "0")), Instant.parse(m.get("startedAt")),
                    Instant.parse(m.get("finishedAt")), m.getOrDefault("build", "unknown"), environment,
                    EnvironmentFingerprint.unknown(environment), screenshots, Optional.of(info.key()),
                    Optional.ofNullable(m.get("error"))));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
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
