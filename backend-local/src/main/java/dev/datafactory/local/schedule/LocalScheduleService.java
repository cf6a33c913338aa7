package dev.datafactory.local.schedule;

import dev.datafactory.local.data.Database;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.ScheduleService;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedules in {@code factory.db}. Every write goes through the strict schedule reader first, so a
 * bad cron, time zone or spec is refused with its JSON path and changes nothing. The cron engine
 * (in whichever process holds the engine lock) reads the table on every tick, so edits made here,
 * by any process, take effect without a restart.
 */
public final class LocalScheduleService implements ScheduleService {

    private final Database db;
    private final Orchestrator orchestrator;
    private final Clock clock;
    private final java.util.Map<String, RetryPolicy> retryByJson = new java.util.concurrent.ConcurrentHashMap<>();

    public LocalScheduleService(Database db, Orchestrator orchestrator, Clock clock) {
        this.db = db;
        this.orchestrator = orchestrator;
        this.clock = clock;
    }

    /** A stored schedule with what the engine needs to decide when it is due. */
    record Row(Schedule schedule, Instant since, Optional<Instant> lastFire) {

        /** Slots after this instant are due: the later of the last firing and the last (re)enabling or edit. */
        Instant firesAfter() {
            return lastFire.filter(l -> l.isAfter(since)).orElse(since);
        }
    }

    @Override
    public List<Schedule> list() {
        return rows().stream().map(Row::schedule).toList();
    }

    @Override
    public Optional<Schedule> get(String id) {
        return row(id).map(Row::schedule);
    }

    /**
     * The retry policy jobs of this schedule are delivered with. Asked on every publish, so the
     * parsed policy is remembered per stored JSON text (an edit changes the text, so it is seen).
     */
    public Optional<RetryPolicy> retryPolicy(String id) {
        Optional<String> json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT json FROM schedules WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
        return json.map(text -> {
            if (retryByJson.size() > 256) {
                retryByJson.clear();
            }
            return retryByJson.computeIfAbsent(text, t -> ScheduleCodec.parse("stored schedule " + id, t).retry());
        });
    }

    @Override
    public Schedule create(Schedule schedule) {
        Schedule valid = validate(schedule, "schedule \"" + schedule.id() + "\"");
        long now = clock.millis();
        db.write(c -> {
            if (exists(c, valid.id())) {
                throw new BackendException(BackendException.Kind.ALREADY_EXISTS, "schedule \"" + valid.id()
                        + "\" already exists; change it with `factory schedule edit " + valid.id()
                        + "` or choose another id");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO schedules(id, json, state, since_ms, last_fire_ms, next_fire_ms, created_ms, updated_ms)
                    VALUES (?, ?, ?, ?, NULL, ?, ?, ?)""")) {
                ps.setString(1, valid.id());
                ps.setString(2, ScheduleCodec.toJson(valid));
                ps.setString(3, valid.state().name());
                ps.setLong(4, now);
                setNullable(ps, 5, nextFire(valid, Instant.ofEpochMilli(now)));
                ps.setLong(6, now);
                ps.setLong(7, now);
                ps.executeUpdate();
            }
            return null;
        });
        return get(valid.id()).orElseThrow();
    }

    @Override
    public Schedule update(Schedule schedule) {
        Schedule valid = validate(schedule, "schedule \"" + schedule.id() + "\"");
        long now = clock.millis();
        db.write(c -> {
            Row old = row(c, valid.id()).orElseThrow(() -> notFound(valid.id()));
            Schedule before = old.schedule();
            // A new timing (or re-enabling) counts from now: the slots the old timing missed are not owed.
            boolean retimed = !before.cron().equals(valid.cron()) || !before.timeZone().equals(valid.timeZone())
                    || (before.state() == ScheduleState.PAUSED && valid.state() == ScheduleState.ENABLED);
            Instant since = retimed ? Instant.ofEpochMilli(now) : old.since();
            Instant from = new Row(valid, since, old.lastFire()).firesAfter();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE schedules SET json = ?, state = ?, since_ms = ?, next_fire_ms = ?, updated_ms = ?
                    WHERE id = ?""")) {
                ps.setString(1, ScheduleCodec.toJson(valid));
                ps.setString(2, valid.state().name());
                ps.setLong(3, since.toEpochMilli());
                setNullable(ps, 4, nextFire(valid, later(from, Instant.ofEpochMilli(now))));
                ps.setLong(5, now);
                ps.setString(6, valid.id());
                ps.executeUpdate();
            }
            return null;
        });
        return get(valid.id()).orElseThrow();
    }

    @Override
    public void delete(String id) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM schedules WHERE id = ?")) {
                ps.setString(1, id);
                if (ps.executeUpdate() == 0) {
                    throw notFound(id);
                }
            }
            return null;
        });
    }

    @Override
    public Schedule pause(String id) {
        Schedule s = get(id).orElseThrow(() -> notFound(id));
        return s.state() == ScheduleState.PAUSED ? s : update(s.withState(ScheduleState.PAUSED));
    }

    @Override
    public Schedule resume(String id) {
        Schedule s = get(id).orElseThrow(() -> notFound(id));
        return s.state() == ScheduleState.ENABLED ? s : update(s.withState(ScheduleState.ENABLED));
    }

    /** Fires now, out of turn, paused or not; the cron timing is untouched. */
    @Override
    public String runNow(String id) {
        Schedule s = get(id).orElseThrow(() -> notFound(id));
        return orchestrator.fire(s, clock.instant(), Trigger.MANUAL).runId();
    }

    /** Records a firing of the cron engine (the slot, not the wall time it ran at). */
    void recordFiring(String id, Instant slot, Instant now) {
        db.write(c -> {
            Optional<Row> row = row(c, id);
            if (row.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE schedules SET last_fire_ms = ?, next_fire_ms = ? WHERE id = ?")) {
                ps.setLong(1, slot.toEpochMilli());
                setNullable(ps, 2, nextFire(row.get().schedule(), later(slot, now)));
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<Row> rows() {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, json, since_ms, last_fire_ms, next_fire_ms FROM schedules ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private Optional<Row> row(String id) {
        return db.read(c -> row(c, id));
    }

    private static Optional<Row> row(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, json, since_ms, last_fire_ms, next_fire_ms FROM schedules WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        Schedule stored = ScheduleCodec.parse("stored schedule " + rs.getString(1), rs.getString(2));
        Instant since = Instant.ofEpochMilli(rs.getLong(3));
        Optional<Instant> last = instant(rs, 4);
        Optional<Instant> next = stored.state() == ScheduleState.ENABLED ? instant(rs, 5) : Optional.empty();
        return new Row(stored.withTimes(last, next), since, last);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    /**
     * Round-trips through the strict reader: the one place that knows what a valid schedule is,
     * with the same paths and reasons as a schedule file.
     */
    static Schedule validate(Schedule schedule, String source) {
        Objects.requireNonNull(schedule, "schedule");
        Schedule clean = schedule.withTimes(Optional.empty(), Optional.empty());
        return ScheduleCodec.parse(source, ScheduleCodec.toJson(clean));
    }

    private static Optional<Instant> nextFire(Schedule s, Instant after) {
        if (s.state() != ScheduleState.ENABLED) {
            return Optional.empty();
        }
        return s.cronSchedule().next(after, s.zone()).map(FireTime::instant);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM schedules WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void setNullable(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get().toEpochMilli());
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    static BackendException notFound(String id) {
        return new BackendException(BackendException.Kind.NOT_FOUND,
                "no schedule \"" + id + "\"; list them with `factory schedule list`");
    }
}
