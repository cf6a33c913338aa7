package dev.datafactory.launcher.worker;

import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.BackendException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Artifacts as files, each written to a temp file and moved into place (readers never see half a
 * file); create-if-absent by an atomic no-replace link. {@code layout} maps keys to the flat,
 * human-oriented layout of {@code factory scrape --out} (items.jsonl, run.json, screenshots/), which
 * differs from the artifact-key layout that {@code FileArtifactStore} keeps for the factory.
 * Metadata and content type are not kept (no reader of these directories needs them).
 */
final class DirectoryArtifactStore implements ArtifactStore {

    private final Path root;
    private final Function<String, Path> layout;

    DirectoryArtifactStore(Path root, Function<String, Path> layout) {
        this.root = root;
        this.layout = layout;
    }

    @Override
    public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
        Path target = layout.apply(key);
        try {
            Path tmp = temp(target, data);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failure(key, target, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
        Path target = layout.apply(key);
        try {
            Path tmp = temp(target, data);
            try {
                // A hard link fails if the target exists: of two writers exactly one wins, atomically.
                Files.createLink(target, tmp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | AtomicMoveNotSupportedException e) {
                if (Files.exists(target)) {
                    return false;
                }
                Files.move(tmp, target);
                return true;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure(key, target, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(layout.apply(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(key, layout.apply(key), e);
        }
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        Path path = layout.apply(key);
        try {
            return Optional.of(new ArtifactInfo(key, Files.size(path), contentType(key), Map.of(),
                    Files.getLastModifiedTime(path).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(key, path, e);
        }
    }

    /** Lists by walking the root; only meaningful for the identity layout. */
    @Override
    public List<ArtifactInfo> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ArtifactInfo> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                    .forEach(p -> {
                        String key = root.relativize(p).toString().replace('\\', '/');
                        if (key.startsWith(prefix)) {
                            stat(key).ifPresent(found::add);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "cannot list " + root + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ArtifactInfo::key));
        return found;
    }

    private static Path temp(Path target, byte[] data) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, data);
        return tmp;
    }

    private static String contentType(String key) {
        return key.endsWith(".png") ? "image/png" : key.endsWith(".jsonl") ? "application/x-ndjson" : "application/json";
    }

    private static BackendException failure(String key, Path path, IOException e) {
        return new BackendException(BackendException.Kind.UNAVAILABLE, "cannot write artifact " + key + " to " + path
                + ": " + e.getMessage() + " (is the directory writable and the disk not full?)", e);
    }
}
