package dev.datafactory.model.pubsub;

import java.util.Optional;

/**
 * What Pub/Sub POSTs to a push endpoint, and what the local queue POSTs too, byte for byte the same
 * shape. {@code deliveryAttempt} is present only when the subscription has a dead-letter policy.
 */
public record PushEnvelope(PushMessage message, String subscription, Optional<Integer> deliveryAttempt) {
}
