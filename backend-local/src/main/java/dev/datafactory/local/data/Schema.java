package dev.datafactory.local.data;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The tables of {@code factory.db}; versioned with {@code PRAGMA user_version} so later releases can migrate. */
final class Schema {

    static final int VERSION = 1;

    private static final List<String> V1 = List.of(
            """
            CREATE TABLE IF NOT EXISTS meta (
              key   TEXT PRIMARY KEY,
              value TEXT NOT NULL)""",
            // Schedules as their JSON (the strict codec's format) plus what the engine keeps.
            """
            CREATE TABLE IF NOT EXISTS schedules (
              id          TEXT PRIMARY KEY,
              json        TEXT NOT NULL,
              state       TEXT NOT NULL,
              since_ms    INTEGER NOT NULL,
              last_fire_ms INTEGER,
              next_fire_ms INTEGER,
              created_ms  INTEGER NOT NULL,
              updated_ms  INTEGER NOT NULL)""",
            // The durable queue. state: QUEUED (waiting, maybe backing off) | LEASED (pushed, awaiting ack) | DONE.
            """
            CREATE TABLE IF NOT EXISTS jobs (
              seq          INTEGER PRIMARY KEY AUTOINCREMENT,
              job_id       TEXT NOT NULL UNIQUE,
              run_id       TEXT NOT NULL,
              schedule_id  TEXT NOT NULL,
              payload      BLOB NOT NULL,
              state        TEXT NOT NULL,
              attempts     INTEGER NOT NULL DEFAULT 0,
              max_attempts INTEGER NOT NULL,
              min_backoff_s INTEGER NOT NULL,
              max_backoff_s INTEGER NOT NULL,
              available_ms INTEGER NOT NULL,
              lease_until_ms INTEGER,
              lease_owner  TEXT,
              enqueued_ms  INTEGER NOT NULL,
              updated_ms   INTEGER NOT NULL,
              last_error   TEXT)""",
            "CREATE INDEX IF NOT EXISTS jobs_ready ON jobs(state, available_ms)",
            "CREATE INDEX IF NOT EXISTS jobs_run ON jobs(run_id)",
            """
            CREATE TABLE IF NOT EXISTS dead_letters (
              job_id       TEXT PRIMARY KEY,
              seq          INTEGER NOT NULL,
              run_id       TEXT NOT NULL,
              schedule_id  TEXT NOT NULL,
              payload      BLOB NOT NULL,
              attempts     INTEGER NOT NULL,
              max_attempts INTEGER NOT NULL,
              min_backoff_s INTEGER NOT NULL,
              max_backoff_s INTEGER NOT NULL,
              enqueued_ms  INTEGER NOT NULL,
              dead_ms      INTEGER NOT NULL,
              last_error   TEXT)""",
            // The run index: one row per job record found under runs/ in the artifact store.
            """
            CREATE TABLE IF NOT EXISTS runs (
              run_id      TEXT NOT NULL,
              job_id      TEXT NOT NULL,
              schedule_id TEXT NOT NULL,
              status      TEXT NOT NULL,
              started_ms  INTEGER NOT NULL,
              finished_ms INTEGER NOT NULL,
              record_key  TEXT NOT NULL,
              record_updated_ms INTEGER NOT NULL,
              record      TEXT NOT NULL,
              PRIMARY KEY (run_id, job_id))""",
            "CREATE INDEX IF NOT EXISTS runs_started ON runs(started_ms)");

    private Schema() {
    }

    static void migrate(Database db) {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                int version;
                try (var rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > VERSION) {
                    throw new SQLException("the database was written by a newer Data Factory (schema " + version
                            + ", this build knows " + VERSION + "); upgrade, or use another --data-dir");
                }
                if (version < 1) {
                    for (String ddl : V1) {
                        s.execute(ddl);
                    }
                    s.execute("PRAGMA user_version = " + VERSION);
                }
            }
            return null;
        });
    }
}
