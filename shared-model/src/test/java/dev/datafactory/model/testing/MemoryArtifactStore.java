package dev.datafactory.model.testing;

import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.ArtifactStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ArtifactStore} in memory for tests: the same contract as the file and bucket stores
 * (atomic create-if-absent, listing ordered by key), plus a count of writes so tests can prove that
 * something was not written twice.
 */
public final class MemoryArtifactStore implements ArtifactStore {

    private record Entry(byte[] data, ArtifactInfo info) {
    }

    private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;

    public MemoryArtifactStore() {
        this(Clock.systemUTC());
    }

    public MemoryArtifactStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String key, byte[] data, String contentType, Map<String, String> metadata) {
        objects.put(key, entry(key, data, contentType, metadata));
        writes.incrementAndGet();
    }

    @Override
    public boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata) {
        boolean created = objects.putIfAbsent(key, entry(key, data, contentType, metadata)) == null;
        if (created) {
            writes.incrementAndGet();
        }
        return created;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(e -> e.data().clone());
    }

    @Override
    public Optional<ArtifactInfo> stat(String key) {
        return Optional.ofNullable(objects.get(key)).map(Entry::info);
    }

    @Override
    public List<ArtifactInfo> list(String prefix) {
        return objects.tailMap(prefix, true).entrySet().stream()
                .takeWhile(e -> e.getKey().startsWith(prefix))
                .map(e -> e.getValue().info())
                .toList();
    }

    /** How many objects were created or replaced since this store was made. */
    public int writeCount() {
        return writes.get();
    }

    public List<String> keys() {
        return List.copyOf(objects.keySet());
    }

    private Entry entry(String key, byte[] data, String contentType, Map<String, String> metadata) {
        return new Entry(data.clone(), new ArtifactInfo(key, data.length, contentType, metadata, clock.instant()));
    }
}
