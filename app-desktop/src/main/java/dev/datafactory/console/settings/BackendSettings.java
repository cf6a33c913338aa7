package dev.datafactory.console.settings;

import java.nio.file.Path;

/**
 * Which backend the console works on. LOCAL uses {@code localDataDir}; GCP uses the project,
 * region, Pub/Sub topic, bucket and the worker's URL (for its health check). Unused fields are kept
 * so switching back and forth loses nothing.
 */
public record BackendSettings(Kind kind, Path localDataDir, String gcpProject, String gcpRegion, String topic,
                              String bucket, String workerUrl) {

    public enum Kind {
        LOCAL, GCP
    }

    public static BackendSettings local(Path dataDir) {
        return new BackendSettings(Kind.LOCAL, dataDir, "", "europe-west1", "datafactory-jobs", "", "");
    }

    /** The same settings, working on the other backend. */
    public BackendSettings withKind(Kind value) {
        return new BackendSettings(value, localDataDir, gcpProject, gcpRegion, topic, bucket, workerUrl);
    }

    /** One line for the sidebar and messages. */
    public String describe() {
        return kind == Kind.LOCAL ? "Local · " + localDataDir
                : "GCP · " + gcpProject + " (" + gcpRegion + ")";
    }
}
