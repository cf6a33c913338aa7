package dev.datafactory.model.run;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the site could see of us, read from inside the page: the evidence for "works on my laptop,
 * blocked in the cloud". {@code host} names where the worker ran (local, cloud-run, ...).
 */
public record EnvironmentFingerprint(String userAgent, boolean webdriver, List<String> languages, String timeZone,
                                     int viewportWidth, int viewportHeight, String browserVersion, String platform,
                                     Map<String, String> headlessHints, Optional<String> egressIp, String host) {

    public EnvironmentFingerprint {
        languages = List.copyOf(languages);
        headlessHints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headlessHints));
    }

    public static EnvironmentFingerprint unknown(String host) {
        return new EnvironmentFingerprint("", false, List.of(), "", 0, 0, "", "", Map.of(), Optional.empty(), host);
    }

    /** Flat, ordered rows for a side-by-side diff table. */
    @JsonIgnore
    public Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("host", host);
        rows.put("userAgent", userAgent);
        rows.put("navigator.webdriver", String.valueOf(webdriver));
        rows.put("languages", String.join(", ", languages));
        rows.put("timeZone", timeZone);
        rows.put("viewport", viewportWidth + "x" + viewportHeight);
        rows.put("browserVersion", browserVersion);
        rows.put("platform", platform);
        headlessHints.forEach((k, v) -> rows.put("hint." + k, v));
        rows.put("egressIp", egressIp.orElse("unknown"));
        return rows;
    }

    /** A short stable hash, stamped on artifacts so runs from the same environment group together. */
    @JsonIgnore
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(rows().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
