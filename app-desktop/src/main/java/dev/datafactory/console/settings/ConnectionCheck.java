package dev.datafactory.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.gcp.GcpClients;
import dev.datafactory.gcp.check.GcpCheck;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.validation.Problems;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * "Test connection": opens the backend from the settings and tries each port it reads through,
 * one line per port, so the operator sees exactly what works and what does not (e.g. schedules
 * readable but the bucket denied). Nothing is written: publishing a job is left untested on purpose.
 */
public final class ConnectionCheck {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    private final BackendConnector connector;
    private final Supplier<Optional<InProcessWorker>> inProcessWorker;

    /** {@code inProcessWorker}: the worker this console's own engine runs, if any. */
    public ConnectionCheck(BackendConnector connector, Supplier<Optional<InProcessWorker>> inProcessWorker) {
        this.connector = connector;
        this.inProcessWorker = inProcessWorker;
    }

    public List<CheckItem> run(BackendSettings settings) {
        List<CheckItem> items = new ArrayList<>();
        Problems problems = new Problems();
        BackendSettingsCodec.check(settings, problems);
        if (!problems.isEmpty()) {
            problems.list().forEach(p -> items.add(CheckItem.failed("Setting " + p.path(), p.reason())));
            return items;
        }
        if (settings.kind() == BackendSettings.Kind.LOCAL) {
            items.add(dataDirectory(settings.localDataDir()));
        } else {
            // The GCP backend's own check knows each service's resources and the roles they need.
            items.addAll(gcp(settings));
            items.add(workerHealth(settings.workerUrl()));
            return items;
        }
        ConsoleBackend backend;
        try {
            backend = connector.connect(settings);
            items.add(CheckItem.ok("Open backend", backend.description()));
        } catch (Exception e) {
            items.add(CheckItem.failed("Open backend", UserMessages.describe(e)));
            items.add(localWorker(settings));
            return items;
        }
        try (backend) {
            items.add(step("Schedules", () -> backend.schedules().list().size() + " schedule(s) readable"));
            items.add(step("Run history", () -> backend.runs().list(RunQuery.recent(20)).size()
                    + " recent job record(s) readable"));
            items.add(step("Canary logs", () -> backend.logs().query(LogQuery.all().withLimit(20)).size()
                    + " recent log line(s) readable"));
            items.add(step("Artifacts", () -> "listing allowed (" + backend.artifacts().list("runs/").size()
                    + " run record(s))"));
            items.add(CheckItem.skipped("Job publishing", "not tried: it would enqueue a real job. Run a test"
                    + " scrape on the " + backend.name() + " worker to check it end to end."));
        }
        items.add(localEngine(settings.localDataDir()));
        items.add(localWorker(settings));
        return items;
    }

    private static List<CheckItem> gcp(BackendSettings settings) {
        try (GcpClients clients = new GcpClients(DefaultBackendConnector.gcpSettings(settings))) {
            return new GcpCheck(clients).run().stream().map(r -> new CheckItem(r.service() + " · " + r.item(),
                    switch (r.outcome()) {
                        case OK -> CheckItem.Outcome.OK;
                        case WARN -> CheckItem.Outcome.WARNING;
                        case FAIL -> CheckItem.Outcome.FAILED;
                        case SKIPPED -> CheckItem.Outcome.SKIPPED;
                    }, r.detail())).toList();
        } catch (RuntimeException e) {
            return List.of(CheckItem.failed("Google Cloud", UserMessages.describe(e)));
        }
    }

    /**
     * Whether a process runs the cron engine and dispatcher on this directory. Probing takes the
     * lock for an instant when it is free (and gives it back at once): the lock is the only record.
     */
    static CheckItem localEngine(Path dir) {
        Path lockFile = new DataDirectory(dir.toAbsolutePath()).engineLock();
        if (!Files.exists(lockFile)) {
            return CheckItem.warning("Engine", "not running: schedules fire and queued jobs are delivered only while"
                    + " `./factory up` runs on " + dir);
        }
        Optional<EngineLock> probe = EngineLock.tryAcquire(lockFile);
        if (probe.isPresent()) {
            probe.get().close();
            return CheckItem.warning("Engine", "not running: schedules fire and queued jobs are delivered only while"
                    + " `./factory up` runs on " + dir);
        }
        String holder = EngineLock.holder(lockFile);
        String where = holder.equals("process " + ProcessHandle.current().pid()) ? "this console (" + holder + ")"
                : holder;
        return CheckItem.ok("Engine", "running in " + where + ": schedules fire and jobs are"
                + " delivered");
    }

    /**
     * The parts of a worker's {@code /healthz} an operator compares (its build above all: is it the
     * one just deployed?), or empty when the answer is not the worker's JSON.
     */
    static Optional<String> healthSummary(String body) {
        JsonNode health;
        try {
            health = Json.mapper().readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (health == null || !health.isObject() || !health.has("build")) {
            return Optional.empty();
        }
        JsonNode build = health.get("build");
        List<String> parts = new ArrayList<>();
        parts.add("build " + (build.isObject() ? build.path("label").asText(build.toString()) : build.asText()));
        if (health.hasNonNull("browser")) {
            parts.add("browser " + health.get("browser").asText());
        }
        if (health.has("jobsInFlight") && health.has("concurrency")) {
            parts.add(health.get("jobsInFlight").asInt() + " of " + health.get("concurrency").asInt() + " jobs running");
        }
        return Optional.of(String.join(", ", parts));
    }

    private static CheckItem dataDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return CheckItem.ok("Data directory", dir + " does not exist yet; it will be created");
        }
        if (!Files.isDirectory(dir)) {
            return CheckItem.failed("Data directory", dir + " is a file, not a directory; choose another path");
        }
        if (!Files.isWritable(dir)) {
            return CheckItem.failed("Data directory", dir + " is not writable by this user; fix its permissions"
                    + " or choose another path");
        }
        return CheckItem.ok("Data directory", dir + " exists and is writable");
    }

    private static CheckItem step(String what, Callable<String> probe) {
        long start = System.nanoTime();
        try {
            String detail = probe.call();
            return CheckItem.ok(what, detail + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        } catch (Exception e) {
            return CheckItem.failed(what, UserMessages.describe(e));
        }
    }

    /**
     * The local factory's worker: the URL set in Settings if any; else the worker this console's own
     * engine runs in-process on that data directory; else there is none to check from here.
     */
    private CheckItem localWorker(BackendSettings settings) {
        if (!settings.workerUrl().isBlank()) {
            return workerHealth(settings.workerUrl());
        }
        Path dir = settings.localDataDir().toAbsolutePath().normalize();
        Optional<InProcessWorker> own = inProcessWorker.get().filter(w -> w.dataDir().equals(dir));
        if (own.isEmpty()) {
            return CheckItem.skipped("Worker", "this console runs no worker on " + dir + " (opened with --no-engine,"
                    + " or the engine runs in another process, e.g. `factory up`, with its own); set a worker URL"
                    + " to check a worker's /healthz");
        }
        if (own.get().baseUri().isEmpty()) {
            return CheckItem.warning("Worker", "in-process worker of this console: starting (the browser takes a few"
                    + " seconds); test again in a moment");
        }
        CheckItem health = workerHealth(own.get().baseUri().get().toString());
        return health.outcome() == CheckItem.Outcome.OK
                ? CheckItem.ok("Worker", "in-process worker of this console: running; " + health.detail())
                : CheckItem.failed("Worker", "in-process worker of this console: " + health.detail());
    }

    /** GET {@code /healthz}: the worker answers with its build, which should be the one just deployed. */
    static CheckItem workerHealth(String workerUrl) {
        if (workerUrl == null || workerUrl.isBlank()) {
            return CheckItem.skipped("Worker", "no worker URL set; set it to check the worker's /healthz");
        }
        String url = workerUrl.trim().replaceAll("/+$", "") + "/healthz";
        HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
            if (response.statusCode() == 200) {
                return CheckItem.ok("Worker", url + " answers: " + healthSummary(response.body()).orElse(body.strip()));
            }
            String hint = response.statusCode() == 401 || response.statusCode() == 403
                    ? " (the worker requires authentication; grant yourself roles/run.invoker or check from the"
                    + " project's network)" : "";
            return CheckItem.failed("Worker", url + " answered HTTP " + response.statusCode() + hint);
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                    : e instanceof java.net.http.HttpTimeoutException ? "no answer within " + HTTP_TIMEOUT.toSeconds() + " s"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return CheckItem.failed("Worker", url + " is unreachable (" + why + "); is the worker running and the URL"
                    + " right?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckItem.failed("Worker", "check of " + url + " was interrupted");
        } catch (IllegalArgumentException e) {
            return CheckItem.failed("Worker", "\"" + workerUrl + "\" is not a usable URL: " + e.getMessage());
        }
    }
}
