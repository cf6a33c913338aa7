package dev.datafactory.worker;

import com.sun.net.httpserver.HttpServer;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.CanaryEventSink;
import dev.datafactory.worker.auth.PushAuthenticator;
import dev.datafactory.worker.engine.EngineConfig;
import dev.datafactory.worker.engine.ScrapeEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor service: the Cloud Run container's entry point, {@code factory worker}, and the
 * worker the local factory starts in-process. Same HTTP contract everywhere: {@code GET /healthz},
 * {@code POST /pubsub/push}.
 */
public final class WorkerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);

    private final WorkerOptions options;
    private final ScrapeEngine engine;
    private final boolean ownsEngine;
    private final HttpServer server;
    private final ExecutorService executor;
    private final PushEndpoint push;
    private volatile boolean closed;

    private WorkerService(WorkerOptions options, ScrapeEngine engine, boolean ownsEngine, PushAuthenticator auth) {
        this.options = options;
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.push = new PushEndpoint(engine, auth, options.concurrency(), options.traceProject());
        AtomicInteger threads = new AtomicInteger();
        // Push handlers block for the whole job; a few threads more than job slots keep /healthz and 429s quick.
        this.executor = Executors.newFixedThreadPool(options.concurrency() + 4, r -> {
            Thread t = new Thread(r, "worker-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port()
                    + " (" + e.getMessage() + "); choose another --port or stop what uses it", e);
        }
        server.createContext("/healthz", new HealthEndpoint(engine, engine.config().build(), options.environment(),
                options.auth().describe(), push::inFlight, () -> closed));
        server.createContext("/pubsub/push", push);
        server.setExecutor(executor);
    }

    /** Starts the browser and the HTTP listener; returns when both are ready. */
    public static WorkerService start(WorkerOptions options, ArtifactStore store, CanaryEventSink sink) {
        EngineConfig config = new EngineConfig(options.concurrency(), options.browser(), options.environment(),
                BuildInfo.current(), Clock.systemUTC());
        PushAuthenticator auth = options.auth().authenticator();
        ScrapeEngine engine = ScrapeEngine.start(config, store, sink);
        try {
            return startWith(options, engine, true, auth, sink);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** On an engine the caller owns (and closes). */
    public static WorkerService start(WorkerOptions options, ScrapeEngine engine, CanaryEventSink sink) {
        return startWith(options, engine, false, options.auth().authenticator(), sink);
    }

    private static WorkerService startWith(WorkerOptions options, ScrapeEngine engine, boolean owns,
                                           PushAuthenticator auth, CanaryEventSink sink) {
        WorkerService service = new WorkerService(options, engine, owns, auth);
        service.server.start();
        String build = engine.config().build().label();
        if (options.auth() instanceof WorkerAuth.Insecure) {
            String warning = "AUTHENTICATION IS OFF: any caller that reaches " + service.baseUri()
                    + " can make this worker scrape. Use it only on a private network or for a test.";
            LOG.warn(warning);
            sink.emit(CanaryEvent.of(Severity.WARNING, warning, engine.config().clock().instant(),
                    CanaryLabels.of(options.environment(), build)));
        }
        LOG.info("Worker {} listening on {} ({} jobs at once, auth {}, Chromium {})", build, service.baseUri(),
                options.concurrency(), options.auth().describe(), engine.browserVersion());
        return service;
    }

    public URI baseUri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public URI pushUri() {
        return baseUri().resolve("/pubsub/push");
    }

    public int jobsInFlight() {
        return push.inFlight();
    }

    public ScrapeEngine engine() {
        return engine;
    }

    /**
     * Graceful drain: new pushes get 503 at once, in-flight jobs get up to the grace period to
     * finish; whatever is still running then is abandoned unrecorded, for Pub/Sub to redeliver.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        push.drain();
        long deadline = System.nanoTime() + options.drainGrace().toNanos();
        while (push.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int abandoned = push.inFlight();
        if (ownsEngine) {
            engine.close();
        }
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Worker stopped{}", abandoned == 0 ? "" : "; " + abandoned + " jobs left for redelivery");
    }
}
