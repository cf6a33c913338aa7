package dev.datafactory.local.logs;

import dev.datafactory.local.support.Await;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;


import static org.assertj.core.api.Assertions.assertThat;

class LocalCanaryLogsTest {

    @TempDir
    Path dir;

    private static CanaryEvent event(int i, String run) {
        return CanaryEvent.of(i % 10 == 0 ? Severity.ERROR : Severity.INFO, "event number " + i + " " + "x".repeat(80),
                Instant.parse("2026-05-04T10:00:00Z").plusSeconds(i), new CanaryLabels(run, run + "-j", "s", "local", "b"));
    }

    @Test
    void rotatesBySizeKeepsOnlyTheRetainedFilesAndQueriesAcrossThem() throws Exception {
        LocalCanaryLogs logs = new LocalCanaryLogs(dir, new LogRetention(2048, 3), Clock.systemUTC());
        for (int i = 0; i < 200; i++) {
            logs.emit(event(i, i < 100 ? "r1" : "r2"));
        }

        assertThat(logs.rotatedFiles()).hasSize(3);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".jsonl")))
                    .as("three rotated files and at most the active one").hasSizeBetween(3, 4);
        }
        List<CanaryEvent> kept = logs.query(LogQuery.all());
        assertThat(kept).as("old files were deleted").hasSizeLessThan(200).isNotEmpty();
        assertThat(kept.get(kept.size() - 1).message()).startsWith("event number 199 ");
        assertThat(kept).extracting(CanaryEvent::time).isSorted();
        LogQuery errorsOfR2 = LogQuery.all().withRun("r2").withMinSeverity(Severity.ERROR);
        List<CanaryEvent> expected = kept.stream().filter(errorsOfR2::matches).toList();
        assertThat(expected).isNotEmpty();
        assertThat(logs.query(errorsOfR2)).isEqualTo(expected);
        assertThat(logs.query(errorsOfR2.withLimit(2))).isEqualTo(expected.subList(expected.size() - 2, expected.size()));
    }

    @Test
    void aTailFollowsAnotherWriterAcrossRotations() throws Exception {
        LocalCanaryLogs reader = new LocalCanaryLogs(dir, new LogRetention(2048, 50), Clock.systemUTC(),
                Duration.ofMillis(20));
        // A second instance stands in for the process that writes (factory up), the reader for `factory logs -f`.
        LocalCanaryLogs writer = new LocalCanaryLogs(dir, new LogRetention(2048, 50), Clock.systemUTC());
        writer.emit(event(0, "before"));
        List<CanaryEvent> seen = new CopyOnWriteArrayList<>();
        List<Exception> errors = new CopyOnWriteArrayList<>();
        LogTail tail = reader.tail(LogQuery.all().withRun("live"), seen::add, errors::add);
        try {
            for (int i = 1; i <= 120; i++) {
                writer.emit(event(i, i % 2 == 0 ? "live" : "other"));
                if (i % 50 == 0) {
                    Thread.sleep(5); // mostly flat out: several rotations happen between two polls of the tail
                }
            }
            try {
                Await.until("the tail to catch up", Duration.ofSeconds(10), () -> seen.size() == 60);
            } catch (AssertionError e) {
                throw new AssertionError("seen " + seen.stream().map(x -> x.message().split(" ")[2]).toList()
                        + " errors " + errors + " files " + writer.rotatedFiles(), e);
            }
        } finally {
            tail.close();
        }
        assertThat(writer.rotatedFiles()).hasSizeGreaterThan(3);
        assertThat(seen).extracting(e -> Integer.parseInt(e.message().split(" ")[2]))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 120).filter(i -> i % 2 == 0).boxed().toList());
        assertThat(errors).isEmpty();
    }

    @Test
    void linesThatAreNotEventsAreSkipped() throws Exception {
        LocalCanaryLogs logs = new LocalCanaryLogs(dir, LogRetention.defaults(), Clock.systemUTC());
        logs.emit(event(1, "r"));
        Files.writeString(dir.resolve(LocalCanaryLogs.ACTIVE), "not json\n{\"half\":\n",
                java.nio.file.StandardOpenOption.APPEND);
        logs.emit(event(2, "r"));
        assertThat(logs.query(LogQuery.all())).hasSize(2);
    }
}
