package dev.datafactory.local.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.CanaryEventSink;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The canary log of the data directory: JSON lines ({@link CanaryEventCodec}, the Cloud Run shape)
 * appended to {@code logs/canary.jsonl}, rotated by size to {@code canary-<time>.jsonl}, the oldest
 * rotated files deleted beyond the retention. Several processes may append (each append and each
 * rotation holds an OS lock on {@code logs/.lock}); queries read the files, the tail follows them.
 * Filters are exactly {@link LogQuery#matches}.
 */
public final class LocalCanaryLogs implements CanaryLogs, CanaryEventSink {

    static final String ACTIVE = "canary.jsonl";
    private static final String ROTATED_PREFIX = "canary-";
    private static final java.util.regex.Pattern ROTATED = java.util.regex.Pattern.compile("canary-\\d{10}\\.jsonl");

    private final Path dir;
    private final LogRetention retention;
    private final Clock clock;
    private final Duration tailPoll;
    private final ReentrantLock appendLock = new ReentrantLock();

    public LocalCanaryLogs(Path dir, LogRetention retention, Clock clock) {
        this(dir, retention, clock, Duration.ofMillis(250));
    }

    public LocalCanaryLogs(Path dir, LogRetention retention, Clock clock, Duration tailPoll) {
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
        this.tailPoll = tailPoll;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "cannot create the log directory " + dir
                    + ": " + e.getMessage() + " (choose a writable data directory with --data-dir)", e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** Appends one line; the sink the in-process worker and the factory write to. */
    @Override
    public void emit(CanaryEvent event) {
        byte[] line = (CanaryEventCodec.toLine(event) + "\n").getBytes(StandardCharsets.UTF_8);
        appendLock.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock held = lockFile.lock();
            try {
                Path active = dir.resolve(ACTIVE);
                try (FileChannel out = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer buf = ByteBuffer.wrap(line);
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    if (out.size() >= retention.maxFileBytes()) {
                        rotate(active);
                    }
                }
            } finally {
                held.release();
            }
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.INTERNAL, "cannot write the canary log in " + dir + ": "
                    + e + " (check free disk space)", e);
        } finally {
            appendLock.unlock();
        }
    }

    private void rotate(Path active) throws IOException {
        List<Path> rotated = rotatedFiles();
        long next = rotated.isEmpty() ? 1 : sequenceOf(rotated.get(rotated.size() - 1)) + 1;
        Files.move(active, dir.resolve(String.format(java.util.Locale.ROOT, "%s%010d.jsonl", ROTATED_PREFIX, next)));
        rotated = rotatedFiles();
        for (int i = 0; i < rotated.size() - retention.maxFiles(); i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    private static long sequenceOf(Path rotated) {
        String name = rotated.getFileName().toString();
        try {
            return Long.parseLong(name.substring(ROTATED_PREFIX.length(), name.length() - ".jsonl".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Rotated files, oldest first: {@code canary-<sequence>.jsonl}, the sequence zero-padded so names sort. */
    List<Path> rotatedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> ROTATED.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    /**
     * Matching events ordered by their time (lines may be written out of order by concurrent jobs),
     * keeping the newest {@code limit}; ties keep the order they were written in.
     */
    @Override
    public List<CanaryEvent> query(LogQuery query) {
        int limit = Math.max(1, query.limit());
        Comparator<Numbered> byTime = Comparator.comparing((Numbered n) -> n.event().time())
                .thenComparingLong(Numbered::seq);
        PriorityQueue<Numbered> newest = new PriorityQueue<>(byTime);
        long[] seq = {0};
        try {
            List<Path> files = new ArrayList<>(rotatedFiles());
            files.add(dir.resolve(ACTIVE));
            for (Path file : files) {
                if (query.since().isPresent() && isOlderThan(file, query.since().get())) {
                    continue;
                }
                readLines(file, line -> CanaryEventCodec.parseLine(line).filter(query::matches).ifPresent(e -> {
                    newest.add(new Numbered(e, seq[0]++));
                    if (newest.size() > limit) {
                        newest.poll();
                    }
                }));
            }
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.INTERNAL, "cannot read the canary log in " + dir + ": "
                    + e.getMessage(), e);
        }
        List<Numbered> sorted = new ArrayList<>(newest);
        sorted.sort(byTime);
        return sorted.stream().map(Numbered::event).toList();
    }

    private record Numbered(CanaryEvent event, long seq) {
    }

    /** A rotated file last written before {@code since} holds nothing at or after it. */
    private static boolean isOlderThan(Path file, Instant since) {
        try {
            return !file.getFileName().toString().equals(ACTIVE)
                    && Files.getLastModifiedTime(file).toInstant().isBefore(since.minusSeconds(1));
        } catch (IOException e) {
            return false;
        }
    }

    private static void readLines(Path file, Consumer<String> each) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                each.accept(line);
            }
        } catch (NoSuchFileException e) {
            // Rotated away or deleted by retention while we listed: nothing to read there.
        }
    }

    private List<Path> rotatedFilesOrEmpty() {
        try {
            return rotatedFiles();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public LogTail tail(LogQuery query, Consumer<CanaryEvent> sink, Consumer<Exception> onError) {
        LogFollower follower = new LogFollower(dir, ACTIVE, this::rotatedFilesOrEmpty, tailPoll, line -> CanaryEventCodec.parseLine(line)
                .filter(query::matches).ifPresent(sink), onError);
        follower.start();
        return follower::close;
    }
}
