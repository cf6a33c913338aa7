package dev.datafactory.model.spec;

import java.util.Map;
import java.util.Optional;

/** How the browser presents itself; an empty user agent keeps the browser's own. */
public record BrowserProfile(Optional<String> userAgent, String locale, String timezoneId, Viewport viewport,
                             Map<String, String> headers) {

    public BrowserProfile {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    public static BrowserProfile defaults() {
        return new BrowserProfile(Optional.empty(), "en-US", "UTC", Viewport.defaults(), Map.of());
    }
}
