package dev.datafactory.model.ports;

import java.time.Instant;
import java.util.Map;

/** What is known of a stored object without reading it. */
public record ArtifactInfo(String key, long size, String contentType, Map<String, String> metadata,
                           Instant updated) {

    public ArtifactInfo {
        metadata = Map.copyOf(metadata);
    }
}
