package dev.datafactory.launcher.worker;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.ports.CanaryEventSink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The output directory of {@code factory scrape}: {@code items.jsonl}, {@code run.json},
 * {@code screenshots/NN-step.png} and {@code canary.jsonl} (and {@code cancel.json}, the engine's cancel
 * request, if someone writes one), flat and easy to open, instead of the
 * factory's key layout.
 */
final class ScrapeOutput implements AutoCloseable, CanaryEventSink {

    static final String ITEMS = "items.jsonl";
    static final String RUN = "run.json";
    static final String SCREENSHOTS = "screenshots";
    static final String CANARY = "canary.jsonl";
    /** Where the engine looks for a cancel request; writing it into the directory stops the scrape between pages. */
    static final String CANCEL = "cancel.json";

    private final Path dir;
    private final BufferedWriter canary;

    private ScrapeOutput(Path dir, BufferedWriter canary) {
        this.dir = dir;
        this.canary = canary;
    }

    /** Creates the directory, replacing what an earlier scrape left there. */
    static ScrapeOutput open(Path dir) {
        try {
            Files.createDirectories(dir.resolve(SCREENSHOTS));
            Files.deleteIfExists(dir.resolve(ITEMS));
            Files.deleteIfExists(dir.resolve(RUN));
            Files.deleteIfExists(dir.resolve(CANCEL));
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir.resolve(SCREENSHOTS), "*.png")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            BufferedWriter writer = Files.newBufferedWriter(dir.resolve(CANARY), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return new ScrapeOutput(dir, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output directory " + dir + ": " + e.getMessage()
                    + "; choose a writable --out", e);
        }
    }

    Path dir() {
        return dir;
    }

    DirectoryArtifactStore store() {
        return new DirectoryArtifactStore(dir, this::pathOf);
    }

    /** results/… → items.jsonl, runs/… → run.json, canary/…/NN-step.png → screenshots/NN-step.png. */
    Path pathOf(String key) {
        if (key.startsWith("results/")) {
            return dir.resolve(ITEMS);
        }
        if (key.startsWith("runs/")) {
            return dir.resolve(RUN);
        }
        if (key.startsWith("canary/")) {
            return dir.resolve(SCREENSHOTS).resolve(key.substring(key.lastIndexOf('/') + 1));
        }
        if (key.startsWith("cancel/")) {
            return dir.resolve(CANCEL);
        }
        throw new IllegalArgumentException("unexpected artifact key " + key);
    }

    @Override
    public synchronized void emit(CanaryEvent event) {
        try {
            canary.write(CanaryEventCodec.toLine(event));
            canary.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CANARY), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            canary.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(CANARY), e);
        }
    }
}
