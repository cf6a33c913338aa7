package dev.datafactory.local.queue;

/** Hears what the dispatcher's deliveries came to: the factory indexes results and logs dead letters. */
public interface DispatchListener {

    /** The worker acked (2xx) this delivery. */
    default void delivered(Lease lease) {
    }

    /** The delivery failed; {@code delivery.nack()} says whether it will be retried or was dead-lettered. */
    default void failed(Dispatcher.Delivery delivery) {
    }
}
