package dev.datafactory.launcher.worker;

import dev.datafactory.gcp.GcpBackend;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.worker.WorkerAuth;
import dev.datafactory.worker.WorkerOptions;
import dev.datafactory.worker.WorkerService;
import dev.datafactory.worker.auth.LocalTokens;
import dev.datafactory.worker.canary.StdoutCanarySink;
import dev.datafactory.worker.engine.BrowserSettings;
import dev.datafactory.worker.engine.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code factory worker}: the executor service, as the container runs it. Canary lines go to stdout
 * (Cloud Logging's structured format), logs to stderr. On SIGTERM it drains: new pushes get 503,
 * in-flight jobs get the grace period, the rest is left for redelivery.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
        "Run the worker service (HTTP: GET /healthz, POST /pubsub/push) until stopped.",
        "On Cloud Run (K_SERVICE set) it listens on 0.0.0.0:$PORT and verifies Google OIDC tokens."})
public final class WorkerCommand implements Callable<Integer> {

    enum AuthMode { local, google, insecure }

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Option(names = "--host", description = "Listen address (default: 0.0.0.0 on Cloud Run, else 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port (default: $PORT, else 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--concurrency", paramLabel = "N", description = "Jobs at once (default: one per CPU core).")
    int concurrency = EngineConfig.defaultConcurrency();

    @Option(names = "--auth", description = "local (token from the data directory's key), google (OIDC), or insecure"
            + " (no check; loud). Default: google on Cloud Run, else local.")
    AuthMode auth;

    @Option(names = "--audience", description = "Expected token audience (google: the push endpoint URL;"
            + " default $DATAFACTORY_AUDIENCE).")
    String audience;

    @Option(names = "--allowed-email", paramLabel = "EMAIL", description = "Service account allowed to push"
            + " (repeatable; default $DATAFACTORY_ALLOWED_EMAILS, comma-separated).")
    List<String> allowedEmails;

    @Option(names = "--artifacts", paramLabel = "DIR", description = "Artifact directory (default: DATA_DIR/artifacts).")
    Path artifacts;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "Write artifacts to this Cloud Storage bucket"
            + " instead (default: $DATAFACTORY_BUCKET; project from --project or $GOOGLE_CLOUD_PROJECT).")
    String bucket;

    @Option(names = "--project", description = "GCP project of --bucket (default: $GOOGLE_CLOUD_PROJECT).")
    String project;

    @Option(names = "--grace", paramLabel = "DURATION", description = "Drain grace on SIGTERM, ISO-8601 (default: PT8S"
            + " on Cloud Run, which kills 10 s after SIGTERM; else PT25S).")
    Duration grace;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        boolean cloudRun = !env.getOrDefault("K_SERVICE", "").isBlank();
        Path data = dataDir.resolve(env);
        WorkerOptions options = new WorkerOptions(
                host != null ? host : cloudRun ? "0.0.0.0" : "127.0.0.1",
                port != null ? port : Integer.parseInt(env.getOrDefault("PORT", "8080")),
                concurrency, cloudRun ? "cloud-run" : "local", auth(env, cloudRun, data),
                grace != null ? grace : cloudRun ? Duration.ofSeconds(8) : WorkerOptions.DEFAULT_GRACE,
                BrowserSettings.discover(env), Optional.ofNullable(env.get("GOOGLE_CLOUD_PROJECT")));
        String bucketName = bucket != null ? bucket : env.getOrDefault("DATAFACTORY_BUCKET", "");
        GcpBackend gcp = null;
        ArtifactStore store;
        if (!bucketName.isBlank()) {
            String gcpProject = project != null ? project : env.getOrDefault("GOOGLE_CLOUD_PROJECT", "");
            if (gcpProject.isBlank()) {
                throw new IllegalArgumentException("--bucket needs the project: give --project or set GOOGLE_CLOUD_PROJECT");
            }
            // Through the GCP backend: only backend-gcp may touch Google Cloud's client types.
            gcp = GcpBackend.connect(GcpSettings.defaults(gcpProject, env.getOrDefault("GOOGLE_CLOUD_REGION", ""),
                    bucketName));
            store = gcp.artifacts();
        } else {
            // The same store and layout as the local factory, so `factory up --worker-url` sees the results.
            store = new FileArtifactStore(artifacts != null ? artifacts : data.resolve("artifacts"));
        }
        WorkerService service = WorkerService.start(options, store, new StdoutCanarySink(System.out));
        CountDownLatch stopped = new CountDownLatch(1);
        GcpBackend backend = gcp;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            if (backend != null) {
                backend.close();
            }
            stopped.countDown();
        }, "worker-drain"));
        stopped.await();
        return 0;
    }

    private WorkerAuth auth(Map<String, String> env, boolean cloudRun, Path data) {
        AuthMode mode = auth != null ? auth : cloudRun ? AuthMode.google : AuthMode.local;
        Set<String> emails = new LinkedHashSet<>(allowedEmails != null ? allowedEmails
                : Arrays.stream(env.getOrDefault("DATAFACTORY_ALLOWED_EMAILS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
        String aud = audience != null ? audience : env.get("DATAFACTORY_AUDIENCE");
        return switch (mode) {
            case local -> new WorkerAuth.LocalKey(data, aud != null ? aud : LocalTokens.AUDIENCE,
                    emails.isEmpty() ? Set.of(LocalTokens.QUEUE_EMAIL) : emails);
            case google -> {
                if (aud == null || aud.isBlank() || emails.isEmpty()) {
                    throw new IllegalArgumentException("--auth google needs --audience (the push endpoint URL) and"
                            + " --allowed-email (the push subscription's service account), or DATAFACTORY_AUDIENCE"
                            + " and DATAFACTORY_ALLOWED_EMAILS");
                }
                yield new WorkerAuth.GoogleOidc(aud, emails);
            }
            case insecure -> new WorkerAuth.Insecure();
        };
    }
}
