package dev.datafactory.model.ports;

import dev.datafactory.model.job.JobRequest;

/** Hands a job to the queue (Pub/Sub, or the local durable queue). */
public interface JobPublisher {

    /** Returns the queue's message id once the job is durably accepted. */
    String publish(JobRequest job);
}
