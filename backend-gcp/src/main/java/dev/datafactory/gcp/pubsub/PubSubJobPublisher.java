package dev.datafactory.gcp.pubsub;

import com.google.api.gax.batching.BatchingSettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.JobPublisher;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Jobs onto the Pub/Sub jobs topic: the {@link JobRequest} as JSON data, and the ids as attributes
 * so that a subscription filter, the dead-letter queue and the console can tell messages apart
 * without decoding them. {@link #publish} waits until Pub/Sub has durably accepted the message.
 */
public final class PubSubJobPublisher implements JobPublisher, AutoCloseable {

    /** Attribute names on every job message. */
    public static final String RUN = "run";
    public static final String JOB = "job";
    public static final String SCHEDULE = "schedule";
    public static final String TRIGGER = "trigger";

    private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(60);

    private final Publisher publisher;

    public PubSubJobPublisher(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Batching for a fan-out: the orchestrator publishes one message per start URL in a burst, so
     * a short delay lets them share requests, while a single console publish is barely delayed.
     */
    public static BatchingSettings batching() {
        return BatchingSettings.newBuilder()
                .setElementCountThreshold(100L)
                .setRequestByteThreshold(1_000_000L)
                .setDelayThresholdDuration(Duration.ofMillis(20))
                .build();
    }

    public static PubsubMessage message(JobRequest job) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(JobRequestCodec.toBytes(job)))
                .putAttributes(RUN, job.runId())
                .putAttributes(JOB, job.jobId())
                .putAttributes(SCHEDULE, job.scheduleId())
                .putAttributes(TRIGGER, job.trigger().name())
                .build();
    }

    @Override
    public String publish(JobRequest job) {
        String operation = "publishing job " + job.jobId() + " to " + publisher.getTopicNameString();
        try {
            return publisher.publish(message(job)).get(ACCEPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "Interrupted while " + operation, e);
        } catch (TimeoutException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "Pub/Sub did not accept the message within "
                    + ACCEPT_TIMEOUT.toSeconds() + " s while " + operation + "; check the network and try again.", e);
        } catch (ExecutionException | RuntimeException e) {
            throw GcpErrors.map(operation, e);
        }
    }

    /** Sends what is still batched, then stops. */
    @Override
    public void close() {
        publisher.shutdown();
        try {
            publisher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
