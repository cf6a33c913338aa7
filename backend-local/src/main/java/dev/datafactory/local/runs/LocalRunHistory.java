package dev.datafactory.local.runs;

import dev.datafactory.local.data.Database;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run history as an index over the {@code runs/{run}/{job}.json} records the worker writes to the
 * artifact store (the records stay the truth; the index in {@code factory.db} makes listing and
 * filtering fast). Every read first indexes records that are new or changed since the last look.
 */
public final class LocalRunHistory implements RunHistory {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRunHistory.class);
    private static final String PREFIX = "runs/";

    private final Database db;
    private final ArtifactStore artifacts;

    public LocalRunHistory(Database db, ArtifactStore artifacts) {
        this.db = db;
        this.artifacts = artifacts;
    }

    /** Indexes new or changed run records; returns how many. */
    public synchronized int refresh() {
        Map<String, Long> known = db.read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT record_key, record_updated_ms FROM runs");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
        List<Indexed> fresh = new ArrayList<>();
        for (ArtifactInfo info : artifacts.list(PREFIX)) {
            if (!info.key().endsWith(".json")) {
                continue;
            }
            Long seen = known.get(info.key());
            if (seen != null && seen == info.updated().toEpochMilli()) {
                continue;
            }
            read(info).ifPresent(fresh::add);
        }
        if (!fresh.isEmpty()) {
            store(fresh);
        }
        return fresh.size();
    }

    /** Indexes one job's record right away (the factory calls this when the worker acks a job). */
    public void indexJob(String runId, String jobId) {
        String key = ArtifactKeys.runRecord(runId, jobId);
        artifacts.stat(key).flatMap(this::read).ifPresent(r -> store(List.of(r)));
    }

    private Optional<Indexed> read(ArtifactInfo info) {
        Optional<byte[]> bytes = artifacts.get(info.key());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Indexed(info.key(), info.updated().toEpochMilli(), RunRecordCodec.parse(bytes.get())));
        } catch (IllegalArgumentException e) {
            LOG.info("Skipping {}: {}", info.key(), e.getMessage());
            return Optional.empty();
        }
    }

    private void store(List<Indexed> records) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT OR REPLACE INTO runs(run_id, job_id, schedule_id, status, started_ms, finished_ms,
                      record_key, record_updated_ms, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Indexed i : records) {
                    RunRecord r = i.record();
                    ps.setString(1, r.runId());
                    ps.setString(2, r.jobId());
                    ps.setString(3, r.scheduleId());
                    ps.setString(4, r.status().name());
                    ps.setLong(5, r.startedAt().toEpochMilli());
                    ps.setLong(6, r.finishedAt().toEpochMilli());
                    ps.setString(7, i.key());
                    ps.setLong(8, i.updatedMs());
                    ps.setString(9, Json.write(r));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<RunRecord> list(RunQuery query) {
        refresh();
        StringBuilder sql = new StringBuilder("SELECT record FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        query.schedule().ifPresent(s -> {
            sql.append(" AND schedule_id = ?");
            args.add(s);
        });
        query.status().ifPresent(s -> {
            sql.append(" AND status = ?");
            args.add(s.name());
        });
        query.since().ifPresent(s -> {
            sql.append(" AND started_ms >= ?");
            args.add(s.toEpochMilli());
        });
        query.until().ifPresent(u -> {
            sql.append(" AND started_ms < ?");
            args.add(u.toEpochMilli());
        });
        sql.append(" ORDER BY started_ms DESC, run_id DESC, job_id LIMIT ?");
        args.add(Math.max(1, query.limit()));
        return select(sql.toString(), args);
    }

    @Override
    public List<RunRecord> jobsOf(String runId) {
        refresh();
        return select("SELECT record FROM runs WHERE run_id = ? ORDER BY job_id", List.of(runId));
    }

    @Override
    public Optional<RunRecord> get(String runId, String jobId) {
        refresh();
        return select("SELECT record FROM runs WHERE run_id = ? AND job_id = ?", List.of(runId, jobId))
                .stream().findFirst();
    }

    private List<RunRecord> select(String sql, List<Object> args) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<RunRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(RunRecordCodec.parse(rs.getString(1).getBytes(StandardCharsets.UTF_8)));
                    }
                }
                return out;
            }
        });
    }

    private record Indexed(String key, long updatedMs, RunRecord record) {
    }
}
