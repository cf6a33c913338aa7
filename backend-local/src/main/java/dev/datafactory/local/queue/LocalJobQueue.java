package dev.datafactory.local.queue;

import dev.datafactory.local.data.Database;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.JobPublisher;
import dev.datafactory.model.schedule.RetryPolicy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The durable job queue in {@code factory.db}: what Pub/Sub is in the cloud. Publishing is
 * idempotent on the job id (a duplicate firing adds nothing); delivery is at least once, by leases
 * that a dispatcher acks or nacks; a job that fails {@code maxAttempts} deliveries moves to the
 * dead-letter table, from where it can be replayed.
 *
 * <p>Every method is one SQLite transaction, so several processes can share the queue: the CLI
 * publishes and inspects while {@code factory up} dispatches.
 */
public final class LocalJobQueue implements JobPublisher {

    private final Database db;
    private final Clock clock;
    private final Function<String, Optional<RetryPolicy>> retryOfSchedule;
    private final RetryPolicy defaultRetry;
    private final Duration backoffUnit;
    private final List<Runnable> publishListeners = new CopyOnWriteArrayList<>();

    /**
     * @param retryOfSchedule the retry policy of a schedule id (jobs of unknown schedules use {@code defaultRetry})
     * @param backoffUnit     what one "second" of a {@link RetryPolicy} backoff is; one second except in tests
     */
    public LocalJobQueue(Database db, Clock clock, Function<String, Optional<RetryPolicy>> retryOfSchedule,
                         RetryPolicy defaultRetry, Duration backoffUnit) {
        this.db = db;
        this.clock = clock;
        this.retryOfSchedule = retryOfSchedule;
        this.defaultRetry = defaultRetry;
        this.backoffUnit = backoffUnit;
    }

    /** Called after each publish in this process, so a dispatcher can wake up at once. */
    public void onPublish(Runnable listener) {
        publishListeners.add(listener);
    }

    @Override
    public String publish(JobRequest job) {
        byte[] payload = JobRequestCodec.toBytes(job);
        RetryPolicy retry = retryOfSchedule.apply(job.scheduleId()).orElse(defaultRetry);
        long now = clock.millis();
        String messageId = db.write(c -> {
            Optional<Long> dead = seqOf(c, "dead_letters", job.jobId());
            if (dead.isPresent()) {
                // Same job id as a dead letter: a duplicate of a known job; replay is the way back.
                return String.valueOf(dead.get());
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT OR IGNORE INTO jobs(job_id, run_id, schedule_id, payload, state, attempts, max_attempts,
                      min_backoff_s, max_backoff_s, available_ms, enqueued_ms, updated_ms)
                    VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, job.jobId());
                ps.setString(2, job.runId());
                ps.setString(3, job.scheduleId());
                ps.setBytes(4, payload);
                ps.setInt(5, retry.maxAttempts());
                ps.setInt(6, retry.minBackoffSeconds());
                ps.setInt(7, retry.maxBackoffSeconds());
                ps.setLong(8, now);
                ps.setLong(9, now);
                ps.setLong(10, now);
                ps.executeUpdate();
            }
            return String.valueOf(seqOf(c, "jobs", job.jobId()).orElseThrow());
        });
        publishListeners.forEach(Runnable::run);
        return messageId;
    }

    /**
     * Leases up to {@code max} jobs that are due, oldest first, until {@code now + ackDeadline};
     * each lease counts as a delivery attempt.
     */
    public List<Lease> lease(int max, String owner, Duration ackDeadline) {
        if (max <= 0) {
            return List.of();
        }
        long now = clock.millis();
        return db.write(c -> {
            List<Lease> leases = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT seq, job_id, payload, attempts, max_attempts, enqueued_ms FROM jobs
                    WHERE state = 'QUEUED' AND available_ms <= ? ORDER BY available_ms, seq LIMIT ?""")) {
                select.setLong(1, now);
                select.setInt(2, max);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        leases.add(new Lease(rs.getString(2), String.valueOf(rs.getLong(1)), rs.getBytes(3),
                                Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(4) + 1, rs.getInt(5), owner));
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE jobs SET state = 'LEASED', attempts = attempts + 1, lease_until_ms = ?, lease_owner = ?,
                      updated_ms = ? WHERE job_id = ?""")) {
                for (Lease l : leases) {
                    update.setLong(1, now + ackDeadline.toMillis());
                    update.setString(2, owner);
                    update.setLong(3, now);
                    update.setString(4, l.jobId());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return leases;
        });
    }

    /** The worker answered 2xx: the job is done. Returns false when the lease was no longer ours. */
    public boolean ack(Lease lease) {
        long now = clock.millis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE jobs SET state = 'DONE', lease_until_ms = NULL, lease_owner = NULL, updated_ms = ?,
                      last_error = NULL
                    WHERE job_id = ? AND state = 'LEASED' AND lease_owner = ? AND attempts = ?""")) {
                ps.setLong(1, now);
                ps.setString(2, lease.jobId());
                ps.setString(3, lease.owner());
                ps.setInt(4, lease.deliveryAttempt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * The delivery failed ({@code error} says how): back to the queue after an exponential backoff,
     * or into dead letters once {@code maxAttempts} deliveries have failed.
     */
    public NackOutcome nack(Lease lease, String error) {
        long now = clock.millis();
        return db.write(c -> {
            int attempts;
            int maxAttempts;
            int minBackoff;
            int maxBackoff;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT attempts, max_attempts, min_backoff_s, max_backoff_s FROM jobs
                    WHERE job_id = ? AND state = 'LEASED' AND lease_owner = ? AND attempts = ?""")) {
                ps.setString(1, lease.jobId());
                ps.setString(2, lease.owner());
                ps.setInt(3, lease.deliveryAttempt());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new NackOutcome.Stale();
                    }
                    attempts = rs.getInt(1);
                    maxAttempts = rs.getInt(2);
                    minBackoff = rs.getInt(3);
                    maxBackoff = rs.getInt(4);
                }
            }
            if (attempts >= maxAttempts) {
                moveToDeadLetters(c, lease.jobId(), error, now);
                return new NackOutcome.DeadLettered(attempts);
            }
            long delay = backoffMillis(attempts, minBackoff, maxBackoff);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE jobs SET state = 'QUEUED', available_ms = ?, lease_until_ms = NULL, lease_owner = NULL,
                      updated_ms = ?, last_error = ? WHERE job_id = ?""")) {
                ps.setLong(1, now + delay);
                ps.setLong(2, now);
                ps.setString(3, truncate(error));
                ps.setString(4, lease.jobId());
                ps.executeUpdate();
            }
            return new NackOutcome.Redeliver(Instant.ofEpochMilli(now + delay));
        });
    }

    /**
     * Puts a lease back without counting it as a failure (the dispatcher is shutting down and
     * did not get an answer): the job is delivered again as soon as a dispatcher runs.
     */
    public boolean release(Lease lease) {
        long now = clock.millis();
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE jobs SET state = 'QUEUED', available_ms = ?, attempts = attempts - 1,
                      lease_until_ms = NULL, lease_owner = NULL, updated_ms = ?
                    WHERE job_id = ? AND state = 'LEASED' AND lease_owner = ? AND attempts = ?""")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setString(3, lease.jobId());
                ps.setString(4, lease.owner());
                ps.setInt(5, lease.deliveryAttempt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Leases held by another owner: a dispatcher that died (only one runs at a time, under the engine
     * lock). Its deliveries may or may not have reached the worker, so they count; the jobs are due
     * again at once, or dead-lettered if that was their last attempt.
     */
    public int recoverLeasesNotOwnedBy(String owner) {
        long now = clock.millis();
        return db.write(c -> {
            List<String> again = new ArrayList<>();
            List<String> exhausted = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT job_id, attempts >= max_attempts FROM jobs WHERE state = 'LEASED' AND lease_owner <> ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        (rs.getBoolean(2) ? exhausted : again).add(rs.getString(1));
                    }
                }
            }
            for (String jobId : exhausted) {
                moveToDeadLetters(c, jobId, "the factory stopped during the last allowed delivery", now);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE jobs SET state = 'QUEUED', available_ms = ?, lease_until_ms = NULL,
                      lease_owner = NULL, updated_ms = ?, last_error = ? WHERE job_id = ?""")) {
                for (String jobId : again) {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setString(3, "the factory stopped while this job was in flight");
                    ps.setString(4, jobId);
                    ps.executeUpdate();
                }
            }
            return again.size() + exhausted.size();
        });
    }

    /**
     * Leases whose ack deadline passed more than {@code slack} ago: the delivery hung beyond its own
     * timeout. Like Pub/Sub after an ack deadline, the job counts as failed and is redelivered after
     * a backoff (or dead-lettered); a late answer to the old delivery no longer matches and is ignored.
     */
    public int expireOverdueLeases(Duration slack) {
        long now = clock.millis();
        List<Lease> overdue = db.read(c -> {
            List<Lease> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT seq, job_id, payload, attempts, max_attempts, enqueued_ms, lease_owner FROM jobs
                    WHERE state = 'LEASED' AND lease_until_ms < ?""")) {
                ps.setLong(1, now - slack.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Lease(rs.getString(2), String.valueOf(rs.getLong(1)), rs.getBytes(3),
                                Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(4), rs.getInt(5), rs.getString(7)));
                    }
                }
            }
            return out;
        });
        int expired = 0;
        for (Lease l : overdue) {
            if (!(nack(l, "no answer within the ack deadline") instanceof NackOutcome.Stale)) {
                expired++;
            }
        }
        return expired;
    }

    /** Moves a dead letter back into the queue with a fresh attempt budget. */
    public boolean replay(String jobId) {
        long now = clock.millis();
        return db.write(c -> replayOne(c, jobId, now));
    }

    /** Replays every dead letter; returns how many. */
    public int replayAll() {
        long now = clock.millis();
        return db.write(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id FROM dead_letters ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            int n = 0;
            for (String id : ids) {
                n += replayOne(c, id, now) ? 1 : 0;
            }
            return n;
        });
    }

    private boolean replayOne(Connection c, String jobId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO jobs(seq, job_id, run_id, schedule_id, payload, state, attempts, max_attempts,
                  min_backoff_s, max_backoff_s, available_ms, enqueued_ms, updated_ms, last_error)
                SELECT seq, job_id, run_id, schedule_id, payload, 'QUEUED', 0, max_attempts, min_backoff_s,
                  max_backoff_s, ?, enqueued_ms, ?, last_error FROM dead_letters WHERE job_id = ?""")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            ps.setString(3, jobId);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dead_letters WHERE job_id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
        return true;
    }

    public QueueCounts counts() {
        return db.read(c -> {
            long queued = 0;
            long leased = 0;
            long done = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "QUEUED" -> queued = rs.getLong(2);
                        case "LEASED" -> leased = rs.getLong(2);
                        case "DONE" -> done = rs.getLong(2);
                        default -> throw new SQLException("unknown job state " + rs.getString(1));
                    }
                }
            }
            long dead;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dead_letters");
                 ResultSet rs = ps.executeQuery()) {
                dead = rs.next() ? rs.getLong(1) : 0;
            }
            return new QueueCounts(queued, leased, done, dead);
        });
    }

    /** Jobs in {@code state} (QUEUED, LEASED or DONE), oldest first. */
    public List<QueuedJob> jobs(QueuedJob.State state, int limit) {
        if (state == QueuedJob.State.DEAD) {
            return deadLetters(limit);
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT job_id, run_id, schedule_id, seq, state, attempts, max_attempts, enqueued_ms, available_ms,
                      lease_until_ms, last_error FROM jobs WHERE state = ? ORDER BY seq LIMIT ?""")) {
                ps.setString(1, state.name());
                ps.setInt(2, limit);
                List<QueuedJob> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long lease = rs.getLong(10);
                        boolean leaseNull = rs.wasNull();
                        out.add(new QueuedJob(rs.getString(1), rs.getString(2), rs.getString(3),
                                String.valueOf(rs.getLong(4)), QueuedJob.State.valueOf(rs.getString(5)), rs.getInt(6),
                                rs.getInt(7), Instant.ofEpochMilli(rs.getLong(8)),
                                Optional.of(Instant.ofEpochMilli(rs.getLong(9))),
                                leaseNull ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lease)),
                                Optional.ofNullable(rs.getString(11))));
                    }
                }
                return out;
            }
        });
    }

    public List<QueuedJob> deadLetters(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT job_id, run_id, schedule_id, seq, attempts, max_attempts, enqueued_ms, last_error
                    FROM dead_letters ORDER BY dead_ms, seq LIMIT ?""")) {
                ps.setInt(1, limit);
                List<QueuedJob> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QueuedJob(rs.getString(1), rs.getString(2), rs.getString(3),
                                String.valueOf(rs.getLong(4)), QueuedJob.State.DEAD, rs.getInt(5), rs.getInt(6),
                                Instant.ofEpochMilli(rs.getLong(7)), Optional.empty(), Optional.empty(),
                                Optional.ofNullable(rs.getString(8))));
                    }
                }
                return out;
            }
        });
    }

    /** The request as published, for inspection. */
    public Optional<JobRequest> request(String jobId) {
        return db.read(c -> {
            for (String table : List.of("jobs", "dead_letters")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM " + table + " WHERE job_id = ?")) {
                    ps.setString(1, jobId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(JobRequestCodec.parse("queued job " + jobId, rs.getBytes(1)));
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** When the next queued job becomes due, if any: lets a dispatcher sleep exactly that long. */
    public Optional<Instant> nextDue() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(available_ms) FROM jobs WHERE state = 'QUEUED'");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(v));
                }
                return Optional.<Instant>empty();
            }
        });
    }

    /** Deletes done jobs finished before {@code before}; their results stay in the artifact store. */
    public int pruneDone(Instant before) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE state = 'DONE' AND updated_ms < ?")) {
                ps.setLong(1, before.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    long backoffMillis(int failedAttempts, int minBackoffSeconds, int maxBackoffSeconds) {
        double seconds = Math.min(maxBackoffSeconds, minBackoffSeconds * Math.pow(2, Math.max(0, failedAttempts - 1)));
        return (long) (seconds * backoffUnit.toMillis());
    }

    private static void moveToDeadLetters(Connection c, String jobId, String error, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT OR REPLACE INTO dead_letters(job_id, seq, run_id, schedule_id, payload, attempts, max_attempts,
                  min_backoff_s, max_backoff_s, enqueued_ms, dead_ms, last_error)
                SELECT job_id, seq, run_id, schedule_id, payload, attempts, max_attempts, min_backoff_s, max_backoff_s,
                  enqueued_ms, ?, ? FROM jobs WHERE job_id = ?""")) {
            ps.setLong(1, now);
            ps.setString(2, truncate(error));
            ps.setString(3, jobId);
            if (ps.executeUpdate() != 1) {
                throw new BackendException(BackendException.Kind.INTERNAL, "job " + jobId + " vanished from the queue");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE job_id = ?")) {
            ps.setString(1, jobId);
            ps.executeUpdate();
        }
    }

    private static Optional<Long> seqOf(Connection c, String table, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + table + " WHERE job_id = ?")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000) + "…";
    }
}
