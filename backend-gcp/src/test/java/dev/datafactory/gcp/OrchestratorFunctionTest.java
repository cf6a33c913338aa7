package dev.datafactory.gcp;

import ch.qos.logback.classic.Level;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.gcp.fakes.CapturedLogs;
import dev.datafactory.gcp.fakes.TestHttp;
import dev.datafactory.gcp.orchestrator.OidcVerifier;
import dev.datafactory.gcp.orchestrator.OrchestrateHandler;
import dev.datafactory.gcp.orchestrator.OrchestratorFunction;
import dev.datafactory.gcp.scheduler.ScheduleBody;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator function as the Functions Framework calls it, with Cloud Scheduler's OIDC
 * tokens signed by a test key whose JWKS is served on loopback (standing in for Google's certs).
 */
class OrchestratorFunctionTest {

    private static final String AUDIENCE = "https://orchestrator-abc-ew.a.run.app/orchestrate";
    private static final String SCHEDULER = "scheduler@factory-test.iam.gserviceaccount.com";

    private static KeyPair googleKey;
    private static KeyPair otherKey;
    private static HttpServer certs;
    private static String certsUrl;

    private final List<JobRequest> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean pubsubDown = new AtomicBoolean();
    private OrchestratorFunction function;

    @BeforeAll
    static void serveKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        googleKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) googleKey.getPublic();
        String jwks = """
                {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1", "n": "%s", "e": "%s"}]}
                """.formatted(b64(pub.getModulus()), b64(pub.getPublicExponent()));
        certs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        certs.createContext("/certs", exchange -> {
            byte[] bytes = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        certs.start();
        certsUrl = "http://127.0.0.1:" + certs.getAddress().getPort() + "/certs";
    }

    @AfterAll
    static void stopKeys() {
        certs.stop(0);
    }

    @BeforeEach
    void createFunction() {
        Orchestrator orchestrator = new Orchestrator(job -> {
            if (pubsubDown.get()) {
                throw new BackendException(BackendException.Kind.UNAVAILABLE, "Pub/Sub unavailable");
            }
            published.add(job);
            return "m" + published.size();
        }, Clock.fixed(Instant.parse("2026-03-01T02:00:03Z"), ZoneOffset.UTC));
        function = new OrchestratorFunction(new OrchestrateHandler(
                new OidcVerifier(AUDIENCE, Optional.of(SCHEDULER), certsUrl), orchestrator,
                Clock.fixed(Instant.parse("2026-03-01T02:00:03Z"), ZoneOffset.UTC)));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String token(KeyPair key, String audience, String email, Instant expires) throws Exception {
        JsonWebSignature.Header header = new JsonWebSignature.Header().setAlgorithm("RS256").setKeyId("k1")
                .setType("JWT");
        JsonWebToken.Payload payload = new JsonWebToken.Payload().setIssuer("https://accounts.google.com")
                .setAudience(audience).setSubject("1234567890")
                .setIssuedAtTimeSeconds(expires.minusSeconds(3600).getEpochSecond())
                .setExpirationTimeSeconds(expires.getEpochSecond());
        payload.set("email", email);
        payload.set("email_verified", true);
        return JsonWebSignature.signUsingRsaSha256(key.getPrivate(), GsonFactory.getDefaultInstance(), header, payload);
    }

    private static Schedule schedule() {
        return ScheduleCodec.parse("test", """
                {"id": "nightly", "cron": "0 2 * * *", "template": {"name": "t",
                 "startUrls": ["http://127.0.0.1:8931/a", "http://127.0.0.1:8931/b"]}}
                """);
    }

    private TestHttp.Response call(Map<String, String> headers, byte[] body) throws Exception {
        TestHttp.Response response = new TestHttp.Response();
        function.service(TestHttp.post(body, headers), response);
        return response;
    }

    private TestHttp.Response callWith(String token) throws Exception {
        return call(Map.of("Authorization", "Bearer " + token, "X-CloudScheduler-ScheduleTime",
                "2026-03-01T02:00:00Z"), ScheduleBody.write(schedule()));
    }

    private static Instant inAnHour() {
        return Instant.now().plusSeconds(3600);
    }

    @Test
    void aSchedulerTokenFansTheFiringOutOnePublishedJobPerStartUrl() throws Exception {
        TestHttp.Response response = callWith(token(googleKey, AUDIENCE, SCHEDULER, inAnHour()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"runId\":\"nightly-20260301T020000Z\"").contains("\"jobs\":2");
        assertThat(published).hasSize(2).allSatisfy(job -> {
            assertThat(job.runId()).isEqualTo("nightly-20260301T020000Z");
            assertThat(job.trigger()).isEqualTo(Trigger.SCHEDULE);
        });
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        TestHttp.Response response = callWith(token(googleKey, "https://someone-else.run.app", SCHEDULER, inAnHour()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(published).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        TestHttp.Response response = callWith(token(googleKey, AUDIENCE, SCHEDULER, Instant.now().minusSeconds(3600)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(published).isEmpty();
    }

    @Test
    void aTokenWithABadSignatureIsRefused() throws Exception {
        TestHttp.Response response = callWith(token(otherKey, AUDIENCE, SCHEDULER, inAnHour()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(published).isEmpty();
    }

    @Test
    void aValidTokenOfAnotherServiceAccountIsForbidden() throws Exception {
        TestHttp.Response response = callWith(token(googleKey, AUDIENCE, "intruder@evil.iam.gserviceaccount.com",
                inAnHour()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("intruder@evil.iam.gserviceaccount.com").contains(SCHEDULER);
        assertThat(published).isEmpty();
    }

    @Test
    void noTokenAtAllIsRefused() throws Exception {
        TestHttp.Response response = call(Map.of(), ScheduleBody.write(schedule()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("missing Authorization");
    }

    @Test
    void aBodyThatIsNotAScheduleIsABadRequestNamingThePath() throws Exception {
        TestHttp.Response response = call(Map.of("Authorization", "Bearer " + token(googleKey, AUDIENCE, SCHEDULER,
                inAnHour())), "{\"datafactorySchedule\":1,\"schedule\":{\"id\":\"x\",\"cron\":\"nope\"}}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("schedule.cron").contains("schedule.template");
    }

    @Test
    void whenPubSubIsDownTheSchedulerIsAskedToRetry() throws Exception {
        pubsubDown.set(true);

        try (CapturedLogs logs = CapturedLogs.of(OrchestrateHandler.class)) {
            TestHttp.Response response = callWith(token(googleKey, AUDIENCE, SCHEDULER, inAnHour()));

            assertThat(response.status()).isEqualTo(503);
            assertThat(logs.messages(Level.ERROR)).singleElement().asString().contains("Pub/Sub unavailable");
        }
    }
}
