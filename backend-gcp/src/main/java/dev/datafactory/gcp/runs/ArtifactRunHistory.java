package dev.datafactory.gcp.runs;

import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Run history read straight from the {@code runs/{run}/{job}.json} records the workers write to the
 * bucket: no index to keep in step. Listing reads every record under {@code runs/}, which is fine
 * for the thousands of runs a console shows; a time-partitioned index would be the next step.
 */
public final class ArtifactRunHistory implements RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactRunHistory.class);
    private static final Comparator<RunRecord> NEWEST_FIRST = Comparator.comparing(RunRecord::startedAt).reversed()
            .thenComparing(RunRecord::jobId);

    private final ArtifactStore artifacts;

    public ArtifactRunHistory(ArtifactStore artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    public List<RunRecord> list(RunQuery query) {
        return read("runs/").stream()
                .filter(r -> query.schedule().map(s -> s.equals(r.scheduleId())).orElse(true))
                .filter(r -> query.status().map(s -> s == r.status()).orElse(true))
                .filter(r -> query.since().map(s -> !r.startedAt().isBefore(s)).orElse(true))
                .filter(r -> query.until().map(u -> r.startedAt().isBefore(u)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(Math.max(0, query.limit()))
                .toList();
    }

    @Override
    public List<RunRecord> jobsOf(String runId) {
        return read(ArtifactKeys.runRecordPrefix(runId)).stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public Optional<RunRecord> get(String runId, String jobId) {
        return artifacts.get(ArtifactKeys.runRecord(runId, jobId)).flatMap(bytes -> parse(ArtifactKeys.runRecord(runId,
                jobId), bytes));
    }

    private List<RunRecord> read(String prefix) {
        List<RunRecord> out = new ArrayList<>();
        for (ArtifactInfo info : artifacts.list(prefix)) {
            if (info.key().endsWith(".json")) {
                artifacts.get(info.key()).flatMap(bytes -> parse(info.key(), bytes)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<RunRecord> parse(String key, byte[] bytes) {
        try {
            return Optional.of(RunRecordCodec.parse(bytes));
        } catch (RuntimeException e) {
            // One unreadable record (another version, a hand edit) must not hide the others.
            LOG.warn("Skipping run record {}: {}", key, e.getMessage());
            return Optional.empty();
        }
    }
}
