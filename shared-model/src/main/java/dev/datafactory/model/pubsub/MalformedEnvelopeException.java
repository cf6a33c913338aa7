package dev.datafactory.model.pubsub;

/** The body of a push request is not a Pub/Sub envelope: answered with 400, never retried into success. */
public final class MalformedEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
