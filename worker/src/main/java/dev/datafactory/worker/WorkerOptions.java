package dev.datafactory.worker;

import dev.datafactory.worker.engine.BrowserSettings;
import dev.datafactory.worker.engine.EngineConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a worker service runs.
 *
 * @param host         address to listen on: 127.0.0.1 locally, 0.0.0.0 in a container
 * @param port         0 picks a free port
 * @param concurrency  jobs (and pages) at once; more pushes than that are answered 429
 * @param environment  {@code local} or {@code cloud-run}: the env label of every canary line
 * @param drainGrace   on close, how long in-flight jobs may take before they are abandoned for redelivery
 * @param traceProject GCP project for the {@code logging.googleapis.com/trace} of canary lines, when known
 */
public record WorkerOptions(String host, int port, int concurrency, String environment, WorkerAuth auth,
                            Duration drainGrace, BrowserSettings browser, Optional<String> traceProject) {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);

    public WorkerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
    }

    /** A worker on loopback with the local key in {@code dataDir}: what the local factory starts. */
    public static WorkerOptions local(Path dataDir) {
        return new WorkerOptions("127.0.0.1", 0, EngineConfig.defaultConcurrency(), "local",
                WorkerAuth.LocalKey.in(dataDir), DEFAULT_GRACE, BrowserSettings.discover(System.getenv()),
                Optional.empty());
    }

    public WorkerOptions withHost(String value) {
        return new WorkerOptions(value, port, concurrency, environment, auth, drainGrace, browser, traceProject);
    }

    public WorkerOptions withPort(int value) {
        return new WorkerOptions(host, value, concurrency, environment, auth, drainGrace, browser, traceProject);
    }

    public WorkerOptions withConcurrency(int value) {
        return new WorkerOptions(host, port, value, environment, auth, drainGrace, browser, traceProject);
    }

    public WorkerOptions withEnvironment(String value) {
        return new WorkerOptions(host, port, concurrency, value, auth, drainGrace, browser, traceProject);
    }

    public WorkerOptions withAuth(WorkerAuth value) {
        return new WorkerOptions(host, port, concurrency, environment, value, drainGrace, browser, traceProject);
    }

    public WorkerOptions withDrainGrace(Duration value) {
        return new WorkerOptions(host, port, concurrency, environment, auth, value, browser, traceProject);
    }

    public WorkerOptions withBrowser(BrowserSettings value) {
        return new WorkerOptions(host, port, concurrency, environment, auth, drainGrace, value, traceProject);
    }

    public WorkerOptions withTraceProject(String value) {
        return new WorkerOptions(host, port, concurrency, environment, auth, drainGrace, browser,
                Optional.ofNullable(value).filter(s -> !s.isBlank()));
    }
}
