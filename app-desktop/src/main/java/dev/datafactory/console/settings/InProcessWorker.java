package dev.datafactory.console.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The worker that the console's own local engine runs in its process, on {@code dataDir}, as the
 * launcher reports it: {@code baseUri} (where {@code /healthz} answers) is empty while the engine is
 * still starting.
 */
public record InProcessWorker(Path dataDir, Optional<URI> baseUri) {

    public InProcessWorker {
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
