package dev.datafactory.local.data;

import dev.datafactory.model.ports.BackendException;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite file of the data directory, shared by several processes ({@code factory up}, the CLI,
 * the console). WAL lets readers run beside the one writer; the busy timeout makes a writer wait for
 * another process's transaction instead of failing. Writes begin IMMEDIATE, so a transaction never
 * has to upgrade a read lock (which SQLite answers with SQLITE_BUSY whatever the timeout).
 *
 * <p>synchronous=NORMAL in WAL mode survives a killed process and an OS crash consistently; a power
 * loss may roll back the last commits, but schedules and queue live in the same file, so they roll
 * back together and the cron engine re-fires what the queue lost.
 *
 * <p>One connection per process, used under a lock: SQLite serialises writers anyway, and the queue's
 * statements are short.
 */
public final class Database implements AutoCloseable {

    /** Functional body of a unit of work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static Database open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        while (true) {
            Connection c = null;
            try {
                c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
                // After the busy timeout is in force: switching a fresh file to WAL needs a moment of
                // exclusive access, and another process may be creating the same file right now.
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = NORMAL");
                }
                Database db = new Database(file, c);
                Schema.migrate(db);
                return db;
            } catch (SQLException | BackendException e) {
                closeQuietly(c);
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw new BackendException(BackendException.Kind.UNAVAILABLE, "cannot open the factory database "
                            + file + ": " + e.getMessage()
                            + " (is the data directory writable and not on a network share?)", e);
                }
                sleepBriefly();
            }
        }
    }

    private static boolean isBusy(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
                return true;
            }
        }
        return false;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted while opening the database", ie);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Failed open: nothing to keep.
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction. */
    public <T> T write(Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} outside an explicit transaction: each statement sees a consistent snapshot. */
    public <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** {@code PRAGMA integrity_check}: "ok" when the file is sound. */
    public String integrityCheck() {
        return read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    out.append(out.isEmpty() ? "" : "\n").append(rs.getString(1));
                }
                return out.toString();
            }
        });
    }

    private BackendException failure(SQLException e) {
        return new BackendException(BackendException.Kind.INTERNAL,
                "factory database " + file + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }
}
