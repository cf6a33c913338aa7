package dev.datafactory.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.worker.engine.ScrapeEngine;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@code GET /healthz}: which build is running (the guard against a deploy that silently runs old
 * code), which Playwright and browser, and how busy the worker is. 503 while draining.
 */
final class HealthEndpoint implements HttpHandler {

    private final ScrapeEngine engine;
    private final BuildInfo build;
    private final String environment;
    private final String auth;
    private final IntSupplier jobsInFlight;
    private final BooleanSupplier draining;

    HealthEndpoint(ScrapeEngine engine, BuildInfo build, String environment, String auth, IntSupplier jobsInFlight,
                   BooleanSupplier draining) {
        this.engine = engine;
        this.build = build;
        this.environment = environment;
        this.auth = auth;
        this.jobsInFlight = jobsInFlight;
        this.draining = draining;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                HttpReplies.error(exchange, 405, "use GET");
                return;
            }
            boolean drain = draining.getAsBoolean();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", drain ? "draining" : "ok");
            Map<String, Object> buildInfo = new LinkedHashMap<>();
            buildInfo.put("version", build.version());
            buildInfo.put("sha", build.sha());
            buildInfo.put("time", build.time());
            buildInfo.put("imageDigest", build.imageDigest());
            buildInfo.put("label", build.label());
            body.put("build", buildInfo);
            body.put("environment", environment);
            body.put("playwright", ScrapeEngine.playwrightVersion());
            body.put("browser", engine.browserVersion());
            body.put("jobsInFlight", jobsInFlight.getAsInt());
            body.put("concurrency", engine.config().concurrency());
            body.put("auth", auth);
            HttpReplies.json(exchange, drain ? 503 : 200, body);
        }
    }
}
