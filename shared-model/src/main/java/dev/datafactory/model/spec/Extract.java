package dev.datafactory.model.spec;

import java.util.Map;
import java.util.Optional;

/**
 * What to take from a page. Pages whose URL does not match {@code urlPattern} are only used to
 * follow links. Without {@code itemSelector} a matching page yields one item; with it, one item per
 * match, fields resolved inside it.
 */
public record Extract(Optional<String> urlPattern, Optional<String> waitFor, Optional<String> itemSelector,
                      Map<String, FieldRule> fields) {

    public Extract {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public static Extract none() {
        return new Extract(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }
}
