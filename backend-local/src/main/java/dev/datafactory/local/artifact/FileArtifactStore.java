package dev.datafactory.local.artifact;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.BackendException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The artifact store of the data directory: each object is a plain file at {@code root/<key>} (so a
 * person can open a screenshot straight from disk), its content type and metadata in a sidecar
 * {@code root/.meta/<key>.json}.
 *
 * <p>Every write goes to a temp file under {@code root/.tmp} first and is then renamed into place, so
 * readers never see half an object. {@link #putIfAbsent} commits with a hard link, which the file
 * system refuses when the name exists: of two writers (threads or processes) exactly one wins. The
 * content file is the commit point; the sidecar follows it, and an object whose sidecar was lost
 * (a crash between the two renames) still reads, with the content type guessed from its extension.
 */
public final class FileArtifactStore implements ArtifactStore {

    private static final String META_DIR = ".meta";
    private static final String TMP_DIR = ".tmp";
    private static final String META_SUFFIX = ".json";
    /** Temp files older than this were left by a crashed writer; a live writer finishes in far less. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final TypeReference<Sidecar> SIDECAR = new TypeReference<>() {
    };

    private final Path root;
    private final Path metaRoot;
    private final Path tmpRoot;
    private final boolean sync;

    /** A durable store: content is forced to disk before it becomes visible. */
    public FileArtifactStore(Path root) {
        this(root, true);
    }

    /**
     * @param sync whether to fsync each object before committing it; off only where losing the last
     *             writes on power loss is acceptable (benchmarks, throw-away directories)
     */
    public FileArtifactStore(Path root, boolean sync) {
        this.root = root.toAbsolutePath().normalize();
        this.metaRoot = this.root.resolve(META_DIR);
        this.tmpRoot = this.root.resolve(TMP_DIR);
        this.sync = sync;
        try {
            Files.createDirectories(tmpRoot);
            Files.createDirectories(metaRoot);
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE,
                    "cannot create the artifact directory " + this.root + ": " + e.getMessage()
                            + " (check that the data directory is writable, or choose another with --data-dir)", e);
        }
        removeStaleTempFiles();
    }

    public Path root() {
        return root;
    }

    /** Where the content of {@code key} lives on disk (whether or not it exists yet). */
    public Path pathOf(String key) {
        return root.resolve(checkKey(key));
    }

    @Override
    public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
        Path target = pathOf(key);
        Path sidecar = sidecarOf(key);
        try {
            // Sidecar first: size and time always come from the content file, so a reader in between
            // sees the old content with the new type at worst, never a half-written file.
            Path metaTemp = writeTemp(sidecarBytes(contentType, metadata));
            commitReplacing(metaTemp, sidecar);
            Path temp = writeTemp(data);
            commitReplacing(temp, target);
        } catch (IOException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            return false;
        }
        Path temp = null;
        try {
            temp = writeTemp(data);
            Files.createDirectories(target.getParent());
            if (!linkIfAbsent(temp, target)) {
                return false;
            }
            Path metaTemp = writeTemp(sidecarBytes(contentType, metadata));
            commitReplacing(metaTemp, sidecarOf(key));
            return true;
        } catch (IOException e) {
            throw failure("write", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(pathOf(key))) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        }
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        Path target = pathOf(key);
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        try {
            return Optional.of(info(key, target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public List<ArtifactInfo> list(String prefix) {
        if (prefix.startsWith("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("artifact prefix \"" + prefix
                    + "\" must be relative and use '/' (e.g. \"runs/\" or \"results/demo/\")");
        }
        // Walk only the deepest directory the prefix names; filter the rest by string.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        List<ArtifactInfo> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(start)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String key = keyOf(p);
                if (key.startsWith(prefix) && isObjectKey(key)) {
                    try {
                        found.add(info(key, p));
                    } catch (NoSuchFileException gone) {
                        // Replaced or deleted while listing: the listing is a snapshot, skip it.
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BackendException(BackendException.Kind.INTERNAL,
                    "cannot list artifacts under \"" + prefix + "\" in " + root + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(ArtifactInfo::key));
        return found;
    }

    private ArtifactInfo info(String key, Path content) throws IOException {
        long size = Files.size(content);
        FileTime modified = Files.getLastModifiedTime(content);
        Sidecar meta = readSidecar(key);
        return new ArtifactInfo(key, size, meta.contentType(), meta.metadata(), modified.toInstant());
    }

    private Sidecar readSidecar(String key) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(sidecarOf(key));
            Sidecar s = Json.mapper().readValue(bytes, SIDECAR);
            return new Sidecar(s.contentType() == null ? guessContentType(key) : s.contentType(),
                    s.metadata() == null ? Map.of() : s.metadata());
        } catch (NoSuchFileException e) {
            return new Sidecar(guessContentType(key), Map.of());
        }
    }

    private static byte[] sidecarBytes(String contentType, Map<String, String> metadata) {
        return Json.write(new Sidecar(contentType, new LinkedHashMap<>(metadata)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path sidecarOf(String key) {
        return metaRoot.resolve(checkKey(key) + META_SUFFIX);
    }

    private Path writeTemp(byte[] data) throws IOException {
        Path temp = tmpRoot.resolve(UUID.randomUUID() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (sync) {
                ch.force(true);
            }
        }
        return temp;
    }

    private static void commitReplacing(Path temp, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Creates {@code target} as a second name of {@code temp} unless it exists; the OS decides the race. */
    private static boolean linkIfAbsent(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // File systems without hard links: a move without REPLACE_EXISTING is the closest we have.
            try {
                Files.move(temp, target);
                return true;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
                return false;
            }
        }
    }

    private String keyOf(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static boolean isObjectKey(String key) {
        return !key.startsWith(META_DIR + "/") && !key.startsWith(TMP_DIR + "/");
    }

    /** Keys are relative '/'-paths of plain segments; anything that could escape the root or hit our own files is refused. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("artifact key is empty; use a key such as \"results/{schedule}/{run}/{job}.jsonl\"");
        }
        if (key.startsWith("/") || key.endsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("artifact key \"" + key
                    + "\" must be a relative path with '/' separators, no leading or trailing '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.contains(":")) {
                throw new IllegalArgumentException("artifact key \"" + key + "\" has a bad segment \"" + segment
                        + "\": segments must be non-empty, must not start with '.' and must not contain ':'");
            }
        }
        return key;
    }

    static String guessContentType(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jsonl")) {
            return "application/x-ndjson";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".html")) {
            return "text/html";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }

    private void removeStaleTempFiles() {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (Stream<Path> temps = Files.list(tmpRoot)) {
            temps.forEach(t -> {
                try {
                    if (Files.getLastModifiedTime(t).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(t);
                    }
                } catch (IOException ignored) {
                    // Another process cleaned it first, or it is in use: either way not ours to worry about.
                }
            });
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE,
                    "cannot read the artifact temp directory " + tmpRoot + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // A temp file that cannot be deleted now is removed as stale on a later start.
        }
    }

    private BackendException failure(String what, String key, IOException e) {
        return new BackendException(BackendException.Kind.INTERNAL,
                "cannot " + what + " artifact \"" + key + "\" in " + root + ": " + e
                        + " (check free disk space and permissions of the data directory)", e);
    }

    /** The sidecar's JSON shape. */
    record Sidecar(String contentType, Map<String, String> metadata) {
    }
}
