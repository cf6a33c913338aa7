package dev.datafactory.local.queue;

import java.time.Instant;

/**
 * One delivery of a job, held until it is acked or nacked (or its deadline passes): the message as
 * Pub/Sub would push it, and which delivery this is.
 */
public record Lease(String jobId, String messageId, byte[] data, Instant publishTime, int deliveryAttempt,
                    int maxAttempts, String owner) {

    public Lease {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lease l && jobId.equals(l.jobId) && deliveryAttempt == l.deliveryAttempt
                && owner.equals(l.owner);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(jobId, deliveryAttempt, owner);
    }

    @Override
    public String toString() {
        return "Lease[" + jobId + " #" + deliveryAttempt + "]";
    }
}
