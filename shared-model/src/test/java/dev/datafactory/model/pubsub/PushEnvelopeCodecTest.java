package dev.datafactory.model.pubsub;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushEnvelopeCodecTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsTheLocalQueueEnvelope() {
        PushEnvelope envelope = new PushEnvelope(new PushMessage(bytes("{\"jobId\":\"j\"}"), Map.of("run", "r1"),
                "42", Instant.parse("2026-01-01T09:00:00.5Z"), Optional.empty()),
                "projects/local/subscriptions/jobs", Optional.of(3));

        assertThat(PushEnvelopeCodec.decode(PushEnvelopeCodec.encode(envelope))).isEqualTo(envelope);
    }

    @Test
    void decodesWhatThePubSubEmulatorSendsIncludingSnakeCaseAndExtraFields() {
        String body = """
                {"message":{"data":"aGVsbG8=","attributes":{"run":"r","attempt":2},"message_id":"7",
                 "publish_time":"2026-11-25T10:00:00.123456Z","ordering_key":"","unknown":1},
                 "subscription":"projects/p/subscriptions/s","deliveryAttempt":5,"extra":{"x":1}}
                """;

        PushEnvelope envelope = PushEnvelopeCodec.decode(bytes(body));

        assertThat(new String(envelope.message().data(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(envelope.message().messageId()).isEqualTo("7");
        assertThat(envelope.message().publishTime()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123456Z"));
        assertThat(envelope.message().attributes()).containsEntry("run", "r").containsEntry("attempt", "2");
        assertThat(envelope.message().orderingKey()).isEmpty();
        assertThat(envelope.deliveryAttempt()).contains(5);
        assertThat(envelope.subscription()).isEqualTo("projects/p/subscriptions/s");
    }

    @Test
    void decodesTheCamelCaseFormOfProductionPubSub() {
        String body = "{\"message\":{\"data\":\"\",\"messageId\":\"9\",\"publishTime\":\"2026-11-25T10:00:00Z\"},"
                + "\"subscription\":\"s\"}";
        PushEnvelope envelope = PushEnvelopeCodec.decode(bytes(body));
        assertThat(envelope.message().messageId()).isEqualTo("9");
        assertThat(envelope.deliveryAttempt()).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnEnvelopeWithAReason() {
        assertThatThrownBy(() -> PushEnvelopeCodec.decode(new byte[0])).hasMessageContaining("empty body");
        assertThatThrownBy(() -> PushEnvelopeCodec.decode(bytes("{}"))).hasMessageContaining("no \"message\"");
        assertThatThrownBy(() -> PushEnvelopeCodec.decode(bytes("not json"))).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PushEnvelopeCodec.decode(bytes("{\"message\":{\"data\":\"%%%\",\"messageId\":\"1\"}}")))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> PushEnvelopeCodec.decode(bytes("{\"message\":{\"data\":\"\"}}")))
                .hasMessageContaining("messageId is missing");
    }
}
