package dev.datafactory.gcp.orchestrator;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.datafactory.gcp.GcpClients;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.config.GcpSettingsReader;
import dev.datafactory.model.orchestrator.Orchestrator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The orchestrator as a Cloud Function (Functions Framework, Java 17 runtime) or, through the
 * framework's invoker, a Cloud Run service. Configured like the console: a settings file named by
 * {@code DATAFACTORY_GCP_SETTINGS} (optional) and {@code DATAFACTORY_GCP_*} variables; the
 * expected audience is the orchestrator URL, the expected caller the scheduler service account.
 */
public final class OrchestratorFunction implements HttpFunction {

    private final OrchestrateHandler handler;

    /** What the Functions Framework instantiates. */
    public OrchestratorFunction() {
        this(fromEnvironment());
    }

    public OrchestratorFunction(OrchestrateHandler handler) {
        this.handler = handler;
    }

    private static OrchestrateHandler fromEnvironment() {
        String file = System.getenv().getOrDefault("DATAFACTORY_GCP_SETTINGS",
                GcpSettingsReader.defaultFile().toString());
        GcpSettings settings = GcpSettingsReader.read(java.nio.file.Path.of(file), System.getenv());
        String audience = settings.effectiveOrchestratorUrl().orElseThrow(() -> new IllegalStateException(
                "Set DATAFACTORY_GCP_ORCHESTRATOR_URL to this function's URL: it is the OIDC audience to accept"));
        // The clients live as long as the function instance; the runtime ends the process.
        GcpClients clients = new GcpClients(settings);
        return new OrchestrateHandler(new OidcVerifier(audience, settings.schedulerServiceAccount(),
                OidcVerifier.GOOGLE_CERTS), new Orchestrator(clients.publisher(), Clock.systemUTC()), Clock.systemUTC());
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        OrchestrateHandler.Reply reply = handler.handle(request.getMethod(), request.getFirstHeader("Authorization"),
                request.getFirstHeader(OrchestrateHandler.SCHEDULE_TIME_HEADER), body);
        response.setStatusCode(reply.status());
        response.setContentType("application/json");
        try (OutputStream out = response.getOutputStream()) {
            out.write(reply.json().getBytes(StandardCharsets.UTF_8));
        }
    }
}
