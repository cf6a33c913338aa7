package dev.datafactory.model.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Which code is running: version, git SHA and build time, stamped by Maven at build time. Reported
 * in {@code /healthz} and every canary line, so a deploy that runs stale code cannot go unnoticed.
 * In a container the image digest can be added through {@code DATAFACTORY_IMAGE_DIGEST}.
 */
public record BuildInfo(String version, String sha, String time, String imageDigest) {

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build stamp", e);
        }
        String sha = clean(p.getProperty("sha"), "unknown");
        String time = clean(p.getProperty("time"), "unknown");
        String digest = System.getenv().getOrDefault("DATAFACTORY_IMAGE_DIGEST", "");
        return new BuildInfo(clean(p.getProperty("version"), "dev"), sha, time, digest);
    }

    /** The label that goes on every canary line: {@code version+sha}. */
    public String label() {
        return version + "+" + sha;
    }

    /** One human line for {@code factory version}. */
    public String describe() {
        return "Data Factory " + version + " (git " + sha + ", built " + time + ")"
                + (imageDigest.isEmpty() ? "" : " image " + imageDigest);
    }

    private static String clean(String value, String fallback) {
        return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
    }
}
