package dev.datafactory.gcp.fakes;

import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.storage.Storage;
import dev.datafactory.gcp.GcpClients;
import dev.datafactory.gcp.GcpServices;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.pubsub.PubSubJobPublisher;

import java.io.IOException;
import java.util.Optional;

/**
 * A whole project of fakes behind {@link GcpServices}: Cloud Scheduler and Cloud Logging on
 * in-process gRPC, Cloud Storage from LocalStorageHelper, Pub/Sub from the emulator named in the
 * settings (through the production {@link GcpClients}, which needs no credentials for it).
 */
public class FakeGcp implements GcpServices {

    public final FakeCloudScheduler scheduler = new FakeCloudScheduler(50);
    public final FakeCloudLogging logging;
    private final GcpSettings settings;
    private final InProcessService schedulerServer;
    private final InProcessService loggingServer;
    private final CloudSchedulerClient schedulerClient;
    private final LoggingClient loggingClient;
    private final Storage storage = AtomicLocalStorage.create();
    private final GcpClients pubsub;

    public FakeGcp(GcpSettings settings) throws IOException {
        this.settings = settings;
        this.logging = new FakeCloudLogging(settings.project(), settings.logName(), 100);
        schedulerServer = new InProcessService(scheduler);
        loggingServer = new InProcessService(logging);
        schedulerClient = CloudSchedulerClient.create(CloudSchedulerSettings.newBuilder()
                .setTransportChannelProvider(schedulerServer.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        loggingClient = LoggingClient.create(LoggingSettings.newBuilder()
                .setTransportChannelProvider(loggingServer.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        pubsub = new GcpClients(settings);
    }

    @Override
    public GcpSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> principal() {
        return Optional.of("factory@" + settings.project() + ".iam.gserviceaccount.com");
    }

    @Override
    public CloudSchedulerClient scheduler() {
        return schedulerClient;
    }

    @Override
    public LoggingClient logging() {
        return loggingClient;
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public TopicAdminClient topicAdmin() {
        return pubsub.topicAdmin();
    }

    @Override
    public SubscriptionAdminClient subscriptionAdmin() {
        return pubsub.subscriptionAdmin();
    }

    @Override
    public PubSubJobPublisher publisher() {
        return pubsub.publisher();
    }

    @Override
    public void close() {
        pubsub.close();
        schedulerClient.close();
        loggingClient.close();
        schedulerServer.close();
        loggingServer.close();
    }
}
