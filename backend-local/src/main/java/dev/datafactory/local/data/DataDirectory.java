package dev.datafactory.local.data;

import dev.datafactory.model.ports.BackendException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one directory the local factory keeps its state in: {@code factory.db} (SQLite: schedules,
 * job queue, run index), {@code artifacts/} (results, screenshots, run records), {@code logs/}
 * (canary JSON lines) and {@code engine.lock} (held by the process that runs the scheduler).
 */
public record DataDirectory(Path root) {

    public static final String ENV = "DATAFACTORY_HOME";

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** {@code --data-dir} if given, else {@code $DATAFACTORY_HOME}, else {@code ~/.datafactory}. */
    public static DataDirectory resolve(Path explicit, Map<String, String> env, String userHome) {
        if (explicit != null) {
            return new DataDirectory(explicit);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataDirectory(Path.of(fromEnv));
        }
        return new DataDirectory(Path.of(userHome, ".datafactory"));
    }

    /** Creates the directory if needed; says what to do when it cannot. */
    public DataDirectory ensureExists() {
        try {
            Files.createDirectories(root);
            Files.createDirectories(logs());
            Files.createDirectories(artifacts());
        } catch (IOException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "cannot create the data directory " + root
                    + ": " + e.getMessage() + " (choose a writable one with --data-dir or " + ENV + ")", e);
        }
        return this;
    }

    public Path database() {
        return root.resolve("factory.db");
    }

    public Path artifacts() {
        return root.resolve("artifacts");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path engineLock() {
        return root.resolve("engine.lock");
    }
}
