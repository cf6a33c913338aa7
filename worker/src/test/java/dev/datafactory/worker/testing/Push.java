package dev.datafactory.worker.testing;

import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.pubsub.PushMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sends pushes the way Pub/Sub and the local queue do. */
public final class Push {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Push() {
    }

    public static byte[] envelope(byte[] data) {
        return PushEnvelopeCodec.encode(new PushEnvelope(new PushMessage(data, Map.of("source", "test"),
                UUID.randomUUID().toString(), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()),
                "projects/demo/subscriptions/jobs-push", Optional.empty()));
    }

    public static byte[] envelope(JobRequest job) {
        return envelope(JobRequestCodec.toBytes(job));
    }

    public static HttpResponse<String> post(URI uri, byte[] body, String contentType, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request.build());
    }

    public static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
