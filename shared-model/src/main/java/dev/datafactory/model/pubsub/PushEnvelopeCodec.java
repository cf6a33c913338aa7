package dev.datafactory.model.pubsub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes the push envelope exactly as Pub/Sub sends it, and decodes it tolerantly: Pub/Sub and its
 * emulator send both {@code messageId} and {@code message_id}, both {@code publishTime} and
 * {@code publish_time}, and may add fields; only what we need must be there and well-formed.
 */
public final class PushEnvelopeCodec {

    private PushEnvelopeCodec() {
    }

    public static byte[] encode(PushEnvelope envelope) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode message = root.putObject("message");
        PushMessage m = envelope.message();
        message.put("data", Base64.getEncoder().encodeToString(m.data()));
        ObjectNode attributes = message.putObject("attributes");
        m.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> attributes.put(e.getKey(), e.getValue()));
        message.put("messageId", m.messageId());
        message.put("message_id", m.messageId());
        message.put("publishTime", m.publishTime().toString());
        message.put("publish_time", m.publishTime().toString());
        m.orderingKey().ifPresent(k -> message.put("orderingKey", k));
        root.put("subscription", envelope.subscription());
        envelope.deliveryAttempt().ifPresent(a -> root.put("deliveryAttempt", a));
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    public static PushEnvelope decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedEnvelopeException("empty body: expected a Pub/Sub push envelope");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEnvelopeException("body must be a JSON object with a \"message\"");
        }
        JsonNode message = root.get("message");
        if (message == null || !message.isObject()) {
            throw new MalformedEnvelopeException("no \"message\" object in the envelope");
        }
        String data = text(message, "data").orElseThrow(
                () -> new MalformedEnvelopeException("message.data is missing"));
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("message.data is not base64: " + e.getMessage());
        }
        String messageId = text(message, "messageId").or(() -> text(message, "message_id"))
                .orElseThrow(() -> new MalformedEnvelopeException("message.messageId is missing"));
        Instant publishTime = text(message, "publishTime").or(() -> text(message, "publish_time"))
                .map(PushEnvelopeCodec::instant).orElse(Instant.EPOCH);
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = message.get("attributes");
        if (attrs != null && attrs.isObject()) {
            for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                attributes.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
            }
        }
        Optional<String> orderingKey = text(message, "orderingKey").or(() -> text(message, "ordering_key"))
                .filter(k -> !k.isEmpty());
        String subscription = text(root, "subscription").orElse("");
        Optional<Integer> attempt = Optional.ofNullable(root.get("deliveryAttempt"))
                .or(() -> Optional.ofNullable(root.get("delivery_attempt")))
                .filter(JsonNode::canConvertToInt).map(JsonNode::asInt);
        return new PushEnvelope(new PushMessage(decoded, attributes, messageId, publishTime, orderingKey),
                subscription, attempt);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEnvelopeException("message.publishTime is not an RFC 3339 time: " + text);
        }
    }
}
