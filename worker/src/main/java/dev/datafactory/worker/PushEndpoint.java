package dev.datafactory.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.datafactory.model.pubsub.MalformedEnvelopeException;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.worker.auth.AuthDecision;
import dev.datafactory.worker.auth.PushAuthenticator;
import dev.datafactory.worker.engine.JobOutcome;
import dev.datafactory.worker.engine.ProgressListener;
import dev.datafactory.worker.engine.ScrapeEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /pubsub/push}, with Pub/Sub's status contract: 2xx done (success, or a permanent
 * failure recorded as such), 400 malformed envelope, 401/403 bad token, 415 not JSON, 429 busy,
 * 503 draining, 500 retryable failure (nothing recorded; Pub/Sub redelivers).
 */
final class PushEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final ScrapeEngine engine;
    private final PushAuthenticator authenticator;
    private final Semaphore slots;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Optional<String> traceProject;
    private volatile boolean draining;

    PushEndpoint(ScrapeEngine engine, PushAuthenticator authenticator, int concurrency, Optional<String> traceProject) {
        this.engine = engine;
        this.authenticator = authenticator;
        this.slots = new Semaphore(concurrency);
        this.traceProject = traceProject;
    }

    void drain() {
        draining = true;
    }

    int inFlight() {
        return running.size();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (RuntimeException e) {
                // E.g. the artifact store is unreachable while recording. Without this the server drops the
                // connection silently; the contract wants a retryable 5xx, and the operator wants the reason.
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.error("Push failed, to be delivered again: {}", reason);
                if (exchange.getResponseCode() == -1) {
                    HttpReplies.error(exchange, 500, "job not recorded, deliver again: " + reason);
                }
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            HttpReplies.error(exchange, 405, "use POST with a Pub/Sub push envelope");
            return;
        }
        AuthDecision auth = authenticator.check(Optional.ofNullable(
                exchange.getRequestHeaders().getFirst("Authorization")));
        if (auth instanceof AuthDecision.Refused refused) {
            HttpReplies.error(exchange, refused.status(), refused.reason());
            return;
        }
        if (draining) {
            HttpReplies.error(exchange, 503, "the worker is shutting down; deliver again later");
            return;
        }
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            HttpReplies.error(exchange, 415, "Content-Type must be application/json, was \"" + type + "\"");
            return;
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            HttpReplies.error(exchange, 413, "the envelope is larger than " + MAX_BODY + " bytes");
            return;
        }
        PushEnvelope envelope;
        try {
            envelope = PushEnvelopeCodec.decode(body);
        } catch (MalformedEnvelopeException e) {
            HttpReplies.error(exchange, 400, "malformed push envelope: " + e.getMessage());
            return;
        }
        JobIntake.Result intake = JobIntake.read(envelope);
        if (intake instanceof JobIntake.Invalid invalid) {
            JobOutcome outcome = engine.recordRejected(invalid.identity(), invalid.reason());
            reply(exchange, outcome);
            return;
        }
        run(exchange, ((JobIntake.Valid) intake), trace(exchange));
    }

    private void run(HttpExchange exchange, JobIntake.Valid intake, Optional<String> trace) throws IOException {
        String jobId = intake.job().jobId();
        if (!running.add(jobId)) {
            HttpReplies.error(exchange, 429, "job " + jobId + " is already running here; deliver again later");
            return;
        }
        try {
            if (!slots.tryAcquire()) {
                HttpReplies.error(exchange, 429, "all " + engine.config().concurrency()
                        + " job slots are busy; deliver again later");
                return;
            }
            try {
                reply(exchange, engine.run(intake.job(), ProgressListener.NONE, trace));
            } finally {
                slots.release();
            }
        } finally {
            running.remove(jobId);
        }
    }

    private void reply(HttpExchange exchange, JobOutcome outcome) throws IOException {
        if (outcome instanceof JobOutcome.Recorded recorded) {
            HttpReplies.json(exchange, 200, summary(recorded.record()));
        } else if (outcome instanceof JobOutcome.AlreadyDone done) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ALREADY_DONE");
            body.put("resultKey", done.resultKey());
            done.record().ifPresent(r -> body.put("recordedStatus", r.status().name()));
            HttpReplies.json(exchange, 200, body);
        } else if (outcome instanceof JobOutcome.Retryable retry) {
            LOG.info("Job to be redelivered: {}", retry.reason());
            HttpReplies.error(exchange, draining ? 503 : 500, retry.reason());
        }
    }

    private static Map<String, Object> summary(RunRecord r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.status().name());
        body.put("jobId", r.jobId());
        body.put("runId", r.runId());
        body.put("items", r.items());
        body.put("pages", r.pages());
        body.put("verdict", r.verdict().summary());
        r.resultKey().ifPresent(k -> body.put("resultKey", k));
        r.error().ifPresent(e -> body.put("error", e));
        return body;
    }

    /** Cloud Run passes {@code X-Cloud-Trace-Context: TRACE/SPAN;o=1}; logs link to it by project. */
    private Optional<String> trace(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("X-Cloud-Trace-Context");
        if (header == null || header.isBlank() || traceProject.isEmpty()) {
            return Optional.empty();
        }
        String traceId = header.split("/", 2)[0].trim();
        return traceId.isEmpty() ? Optional.empty()
                : Optional.of("projects/" + traceProject.get() + "/traces/" + traceId);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : bytes;
    }
}
