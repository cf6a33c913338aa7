package dev.datafactory.local.schedule;

import dev.datafactory.model.ports.BackendException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Only one process runs the cron engine and the dispatcher of a data directory: the one holding an
 * OS file lock on {@code engine.lock}. The OS drops the lock when the process dies, even by kill -9,
 * so a crashed factory never blocks the next one. The file also names the holder's pid, for the
 * message the loser shows.
 */
public final class EngineLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private EngineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or another factory in this JVM) holds it. */
    public static Optional<EngineLock> tryAcquire(Path file) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return Optional.of(new EngineLock(ch, lock));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new BackendException(BackendException.Kind.UNAVAILABLE,
                    "cannot lock " + file + ": " + e.getMessage() + " (is the data directory writable?)", e);
        }
    }

    /** Which process holds the lock, as written in the file (for messages). */
    public static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "another process" : "process " + pid;
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }
}
