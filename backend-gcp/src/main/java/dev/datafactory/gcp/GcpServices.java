package dev.datafactory.gcp;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.storage.Storage;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.pubsub.PubSubJobPublisher;

import java.util.Optional;

/**
 * The Google clients the adapters and the check use: {@link GcpClients} builds them with
 * Application Default Credentials; tests hand in clients of in-process fakes and the emulator.
 */
public interface GcpServices extends AutoCloseable {

    GcpSettings settings();

    /** Who the factory acts as (the ADC account), when the credentials say. */
    Optional<String> principal();

    CloudSchedulerClient scheduler();

    LoggingClient logging();

    Storage storage();

    TopicAdminClient topicAdmin();

    SubscriptionAdminClient subscriptionAdmin();

    PubSubJobPublisher publisher();

    @Override
    void close();
}
