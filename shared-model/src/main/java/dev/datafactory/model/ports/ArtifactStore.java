package dev.datafactory.model.ports;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Results, screenshots and run records by key ({@code results/…}, {@code canary/…}, {@code runs/…}). */
public interface ArtifactStore {

    /** Writes (or replaces) an object; readers never see a half-written one. */
    void put(String key, byte[] data, String contentType, Map<String, String> metadata);

    /**
     * Writes only when no object has that key yet, atomically: of two concurrent writers exactly
     * one wins. Returns whether this call created it.
     */
    boolean putIfAbsent(String key, byte[] data, String contentType, Map<String, String> metadata);

    Optional<byte[]> get(String key);

    Optional<ArtifactInfo> stat(String key);

    /** Objects whose key starts with {@code prefix}, ordered by key. */
    List<ArtifactInfo> list(String prefix);
}
