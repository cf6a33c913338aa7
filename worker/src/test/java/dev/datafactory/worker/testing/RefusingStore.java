package dev.datafactory.worker.testing;

import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.testing.MemoryArtifactStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The in-memory store behind a switch that refuses writes as a storage outage would (a bucket that
 * is unreachable, a full disk): the next {@code times} writes whose key matches fail; reads work.
 */
public final class RefusingStore implements ArtifactStore {

    private final MemoryArtifactStore inner = new MemoryArtifactStore();
    private volatile Predicate<String> refused = key -> false;
    private final AtomicInteger remaining = new AtomicInteger();

    /** Refuses the next {@code times} writes of keys that match ({@code Integer.MAX_VALUE}: for good). */
    public void refuse(Predicate<String> keys, int times) {
        refused = keys;
        remaining.set(times);
    }

    private void maybeRefuse(String key) {
        if (refused.test(key) && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UncheckedIOException(new IOException("bucket unreachable writing " + key));
        }
    }

    @Override
    public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
        maybeRefuse(key);
        inner.put(key, data, contentType, metadata);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
        maybeRefuse(key);
        return inner.putIfAbsent(key, data, contentType, metadata);
    }

    /** Writes that went through (see {@link MemoryArtifactStore#writeCount}). */
    public int writeCount() {
        return inner.writeCount();
    }

    @Override
    public Optional<byte[]> get(String key) {
        return inner.get(key);
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        return inner.stat(key);
    }

    @Override
    public List<ArtifactInfo> list(String prefix) {
        return inner.list(prefix);
    }
}
