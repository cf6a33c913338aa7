package dev.datafactory.local.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows the active log file from its current end, like {@code tail -F}: complete lines only,
 * across rotations (when the active file is renamed away, the rest of it is read from the open
 * handle before the new file is followed from its start), whichever process writes.
 */
final class LogFollower {

    private final Path dir;
    private final String activeName;
    private final Supplier<List<Path>> rotatedOldestFirst;
    private final Duration poll;
    private final Consumer<String> lines;
    private final Consumer<Exception> onError;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile boolean running = true;
    private Thread thread;
    private FileChannel open;
    private Object openKey;

    LogFollower(Path dir, String activeName, Supplier<List<Path>> rotatedOldestFirst, Duration poll, Consumer<String> lines, Consumer<Exception> onError) {
        this.dir = dir;
        this.activeName = activeName;
        this.rotatedOldestFirst = rotatedOldestFirst;
        this.poll = poll;
        this.lines = lines;
        this.onError = onError;
    }

    void start() {
        try {
            // Start at the end: a tail shows what is written from now on.
            openActive(true);
        } catch (IOException e) {
            onError.accept(e);
            return;
        }
        thread = new Thread(this::loop, "log-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                drain();
                Path active = dir.resolve(activeName);
                Object activeKey = keyOf(active);
                if (activeKey == null || (open != null && Objects.equals(activeKey, openKey))) {
                    // Following the active file (or it is being rotated right now): wait for more.
                    Thread.sleep(poll.toMillis());
                } else if (open == null) {
                    // The log did not exist when the tail started: all of it is new.
                    openFile(active);
                } else if (!switchToSuccessor(active)) {
                    Thread.sleep(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (running) {
                onError.accept(e);
            }
        } finally {
            closeOpen();
        }
    }

    /**
     * The open file was rotated away (maybe several times since the last look). It has been drained
     * through its handle; continue with the file rotated right after it, or the active file when it
     * was the last. Returns false when a rotation raced with the switch, to try again.
     */
    private boolean switchToSuccessor(Path active) throws IOException {
        List<Path> rotated = rotatedOldestFirst.get();
        int i = indexOf(rotated, openKey);
        if (i >= 0 && i + 1 < rotated.size()) {
            closeOpen();
            openFile(rotated.get(i + 1));
            return true;
        }
        // The successor is the active file, unless it is rotated between our look and our open.
        Object before = keyOf(active);
        FileChannel candidate;
        try {
            candidate = FileChannel.open(active, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        Object after = keyOf(active);
        List<Path> rotatedNow = rotatedOldestFirst.get();
        boolean stable = before != null && before.equals(after) && rotatedNow.size() == rotated.size();
        if (!stable) {
            candidate.close();
            return false;
        }
        // i < 0: our file was deleted by retention before we finished; the active file is the best we have.
        closeOpen();
        open = candidate;
        openKey = after;
        return true;
    }

    private static int indexOf(List<Path> files, Object key) {
        for (int i = 0; i < files.size(); i++) {
            if (Objects.equals(keyOf(files.get(i)), key)) {
                return i;
            }
        }
        return -1;
    }

    private void openActive(boolean atEnd) throws IOException {
        openFile(dir.resolve(activeName));
        if (open != null && atEnd) {
            open.position(open.size());
        }
    }

    private void openFile(Path file) throws IOException {
        try {
            open = FileChannel.open(file, StandardOpenOption.READ);
            openKey = keyOf(file);
        } catch (NoSuchFileException e) {
            open = null;
            openKey = null;
        }
    }

    private void drain() throws IOException {
        if (open == null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (open.read(buf) > 0) {
            buf.flip();
            for (int i = buf.position(); i < buf.limit(); i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    String line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                    if (running) {
                        lines.accept(line);
                    }
                } else {
                    partial.write(b);
                }
            }
            buf.clear();
        }
    }

    private static Object keyOf(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            // fileKey is the inode on Unix; elsewhere the creation time tells files apart.
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    private void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Read-only handle: nothing to lose.
            }
            open = null;
        }
    }

    void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
