package dev.datafactory.model.pubsub;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@code message} of a Pub/Sub push envelope, with its data already base64-decoded. */
public record PushMessage(byte[] data, Map<String, String> attributes, String messageId, Instant publishTime,
                          Optional<String> orderingKey) {

    public PushMessage {
        data = data.clone();
        attributes = Map.copyOf(attributes);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushMessage m && java.util.Arrays.equals(data, m.data) && attributes.equals(m.attributes)
                && messageId.equals(m.messageId) && publishTime.equals(m.publishTime)
                && orderingKey.equals(m.orderingKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(java.util.Arrays.hashCode(data), attributes, messageId, publishTime,
                orderingKey);
    }

    @Override
    public String toString() {
        return "PushMessage[" + messageId + ", " + data.length + " bytes, " + attributes + "]";
    }
}
