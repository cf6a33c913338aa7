package dev.datafactory.worker;

import dev.datafactory.model.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.worker.auth.LocalTokens;
import dev.datafactory.worker.testing.Jobs;
import dev.datafactory.worker.testing.Push;
import dev.datafactory.worker.testing.RefusingStore;
import dev.datafactory.worker.testing.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The push contract of DESIGN.md, over real HTTP, with a real browser behind it. */
class WorkerServiceTest {

    @TempDir
    static Path dataDir;

    private static final String STORE_DOWN_JOB = "store-down-1";

    private static TestSite site;
    private static RefusingStore store;
    private static Jobs.Events events;
    private static WorkerService worker;
    private static LocalTokens tokens;

    @BeforeAll
    static void start() {
        site = new TestSite();
        store = new RefusingStore();
        // Writes for one job fail for good, as a storage outage would.
        store.refuse(key -> key.contains(STORE_DOWN_JOB), Integer.MAX_VALUE);
        events = new Jobs.Events();
        worker = WorkerService.start(WorkerOptions.local(dataDir).withConcurrency(1),
                store, events);
        tokens = LocalTokens.open(dataDir);
    }

    @AfterAll
    static void stop() {
        worker.close();
        site.close();
    }

    private static HttpResponse<String> push(byte[] body) {
        return Push.post(worker.pushUri(), body, "application/json", Optional.of(tokens.issue()));
    }

    private static JobRequest pageJob(String path, String html) {
        site.page(path, html);
        return Jobs.job("""
                {"name": "svc", "startUrls": ["%s"], "extract": {"fields": {"title": {"selector": "h1"}}},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url(path)));
    }

    @Test
    void healthzReportsBuildPlaywrightAndBrowser() throws IOException {
        HttpResponse<String> response = Push.get(worker.baseUri().resolve("/healthz"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = Json.mapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("build").path("label").asText()).isNotBlank();
        assertThat(health.path("playwright").asText()).matches("1\\.\\d+\\.\\d+");
        assertThat(health.path("browser").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(health.path("jobsInFlight").asInt()).isZero();
        assertThat(health.path("environment").asText()).isEqualTo("local");
        assertThat(health.path("auth").asText()).isEqualTo("local-key");
    }

    @Test
    void refusesPushesWithoutAGoodTokenBeforeLookingAtThem() {
        JobRequest job = pageJob("/unauth", "<html><body><h1>x</h1></body></html>");
        byte[] body = Push.envelope(job);
        assertThat(Push.post(worker.pushUri(), body, "application/json", Optional.empty()).statusCode())
                .isEqualTo(401);
        String stranger = tokens.issue(LocalTokens.AUDIENCE, "stranger@example.com", Duration.ofMinutes(1));
        assertThat(Push.post(worker.pushUri(), body, "application/json", Optional.of(stranger)).statusCode())
                .isEqualTo(403);
        String elsewhere = tokens.issue("other-audience", LocalTokens.QUEUE_EMAIL, Duration.ofMinutes(1));
        assertThat(Push.post(worker.pushUri(), body, "application/json", Optional.of(elsewhere)).statusCode())
                .isEqualTo(401);
        assertThat(site.requestsOf("/unauth")).isZero();
    }

    @Test
    void emptyBodyIs400() {
        assertThat(push(new byte[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void emptyObjectIs400() {
        assertThat(push("{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void wrongMediaTypeIs415() {
        JobRequest job = pageJob("/media", "<h1>x</h1>");
        HttpResponse<String> response = Push.post(worker.pushUri(), Push.envelope(job), "text/plain",
                Optional.of(tokens.issue()));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(site.requestsOf("/media")).isZero();
    }

    @Test
    void badBase64Is400() {
        String body = "{\"message\":{\"data\":\"%%%not-base64%%%\",\"messageId\":\"1\"},\"subscription\":\"s\"}";
        assertThat(push(body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    }

    @Test
    void validEnvelopeWithInvalidSpecIsRecordedAsPermanentFailureWithOneErrorLine() throws IOException {
        String job = """
                {"jobId": "bad-spec-1", "runId": "run-bad", "scheduleId": "sched-bad", "trigger": "SCHEDULE",
                 "attempt": 1, "requestedAt": "2026-01-01T00:00:00Z",
                 "spec": {"name": "bad", "startUrls": ["ftp://nowhere"], "colour": "blue"}}""";

        HttpResponse<String> response = push(Push.envelope(job.getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(200);
        var record = RunRecordCodec.parse(store.get(ArtifactKeys.runRecord("run-bad", "bad-spec-1")).orElseThrow());
        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("spec.startUrls[0]")
                .contains("spec.colour"));
        assertThat(events.forJob("bad-spec-1")).filteredOn(e -> e.severity() == Severity.ERROR).hasSize(1);
        // Delivered again (Pub/Sub retried a lost ack): still 200, still one record, no new line.
        assertThat(push(Push.envelope(job.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);
        assertThat(events.forJob("bad-spec-1")).filteredOn(e -> e.severity() == Severity.ERROR).hasSize(1);
    }

    @Test
    void validJobIs200WithItemsWrittenAndRepeatedJobIsNotScrapedTwice() throws IOException {
        JobRequest job = pageJob("/valid", "<html><body><h1>Valid page</h1></body></html>");

        HttpResponse<String> first = push(Push.envelope(job));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(first.body()).path("status").asText()).as(first.body()).isEqualTo("SUCCEEDED");
        String items = new String(store.get(ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId()))
                .orElseThrow(), StandardCharsets.UTF_8);
        assertThat(items).contains("\"title\":\"Valid page\"");
        int writes = store.writeCount();

        HttpResponse<String> again = push(Push.envelope(job));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(again.body()).path("status").asText()).isEqualTo("ALREADY_DONE");
        assertThat(site.requestsOf("/valid")).isEqualTo(1);
        assertThat(store.writeCount()).isEqualTo(writes);
        assertThat(events.forJob(job.jobId())).extracting(CanaryEvent::message)
                .filteredOn(m -> m.startsWith("job started")).hasSize(1);
    }

    @Test
    void storageFailureWhileRecordingIsA500WithTheReasonAndNothingRecorded() {
        JobRequest ok = pageJob("/store-down", "<html><body><h1>Stored nowhere</h1></body></html>");
        JobRequest job = new JobRequest(STORE_DOWN_JOB, "run-store-down", ok.scheduleId(), ok.trigger(), 1,
                ok.spec(), ok.requestedAt());

        HttpResponse<String> response = push(Push.envelope(job));

        // Retryable per the contract (5xx), with a reason, rather than a dropped connection.
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("bucket unreachable");
        assertThat(store.stat(ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId()))).isEmpty();
    }

    @Test
    void everyCanaryLineCarriesTheJobLabels() {
        JobRequest job = pageJob("/labels", "<html><body><h1>labels</h1></body></html>");
        assertThat(push(Push.envelope(job)).statusCode()).isEqualTo(200);
        assertThat(events.forJob(job.jobId())).isNotEmpty().allSatisfy(e -> {
            assertThat(e.labels().run()).isEqualTo(job.runId());
            assertThat(e.labels().schedule()).isEqualTo(job.scheduleId());
            assertThat(e.labels().env()).isEqualTo("local");
            assertThat(e.labels().build()).isNotBlank();
        });
    }

    @Test
    void busyWorkerAnswers429AndDrainingWorkerAnswers503ThenFinishesInFlightJob() throws Exception {
        site.page("/slow", "<html><body><div id=x></div><script>setTimeout(() => document.getElementById('x')"
                + ".innerHTML = '<h1>slow</h1>', 1500)</script></body></html>");
        JobRequest slow = Jobs.job("""
                {"name": "slow", "startUrls": ["%s"], "extract": {"waitFor": "h1",
                 "fields": {"title": {"selector": "h1"}}}, "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/slow")));
        // A second service on the same engine, so that closing it leaves the class's worker running.
        WorkerService second = WorkerService.start(WorkerOptions.local(dataDir).withConcurrency(1)
                .withDrainGrace(Duration.ofSeconds(20)), worker.engine(), events);
        URI pushUri = second.pushUri();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
                () -> Push.post(pushUri, Push.envelope(slow), "application/json", Optional.of(tokens.issue())));
        Await.until(Duration.ofSeconds(10), () -> second.jobsInFlight() > 0);
        assertThat(second.jobsInFlight()).isEqualTo(1);

        JobRequest other = pageJob("/other", "<html><body><h1>other</h1></body></html>");
        assertThat(Push.post(pushUri, Push.envelope(other), "application/json", Optional.of(tokens.issue()))
                .statusCode()).isEqualTo(429);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(second::close);
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 0;
        while (System.nanoTime() < until && status != 503) {
            status = Push.post(pushUri, Push.envelope(other), "application/json", Optional.of(tokens.issue()))
                    .statusCode();
        }
        assertThat(status).isEqualTo(503);
        assertThat(Push.get(second.baseUri().resolve("/healthz")).statusCode()).isEqualTo(503);

        HttpResponse<String> finished = inFlight.get();
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(finished.body()).path("items").asInt()).isEqualTo(1);
        closing.get();
        assertThat(site.requestsOf("/other")).isZero();
    }
}
