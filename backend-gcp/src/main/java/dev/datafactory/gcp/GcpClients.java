package dev.datafactory.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.pubsub.v1.TopicName;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.gcp.pubsub.PubSubJobPublisher;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Google clients for one project with Application Default Credentials (or, for Pub/Sub,
 * an emulator endpoint without credentials). Each client is created on first use, so a check can
 * tell which service fails, and closed with this object.
 */
public final class GcpClients implements GcpServices {

    private final GcpSettings settings;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private CredentialsProvider credentials;
    private PubSubJobPublisher publisher;
    private Storage storage;
    private ManagedChannel emulatorChannel;

    public GcpClients(GcpSettings settings) {
        this.settings = settings;
    }

    @Override
    public GcpSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> principal() {
        com.google.auth.Credentials creds;
        try {
            creds = credentials().getCredentials();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (creds instanceof com.google.auth.ServiceAccountSigner signer) {
            return Optional.of(signer.getAccount());
        }
        if (creds instanceof com.google.auth.oauth2.UserCredentials user) {
            return Optional.of("user credentials (client " + user.getClientId() + ")");
        }
        return Optional.of(creds.getClass().getSimpleName());
    }

    /** The Application Default Credentials, or an operator-readable error when there are none. */
    public synchronized CredentialsProvider credentials() {
        if (credentials == null) {
            try {
                credentials = FixedCredentialsProvider.create(applicationDefault());
            } catch (IOException e) {
                throw GcpErrors.noCredentials("loading Application Default Credentials for project "
                        + settings.project(), e);
            }
        }
        return credentials;
    }

    /**
     * A person's own ADC (gcloud auth application-default login) has no quota project, and Cloud
     * Scheduler and Cloud Logging refuse such calls; bill them to the factory's project.
     */
    private GoogleCredentials applicationDefault() throws IOException {
        GoogleCredentials adc = GoogleCredentials.getApplicationDefault();
        if (adc instanceof com.google.auth.oauth2.UserCredentials && adc.getQuotaProjectId() == null) {
            return adc.createWithQuotaProject(settings.project());
        }
        return adc;
    }

    @Override
    public synchronized CloudSchedulerClient scheduler() {
        return open("Cloud Scheduler", () -> CloudSchedulerClient.create(CloudSchedulerSettings.newBuilder()
                .setCredentialsProvider(credentials()).build()));
    }

    @Override
    public synchronized LoggingClient logging() {
        return open("Cloud Logging", () -> LoggingClient.create(LoggingSettings.newBuilder()
                .setCredentialsProvider(credentials()).build()));
    }

    @Override
    public synchronized Storage storage() {
        if (storage == null) {
            try {
                storage = StorageOptions.newBuilder().setProjectId(settings.project())
                        .setCredentials(applicationDefault()).build().getService();
            } catch (IOException e) {
                throw GcpErrors.noCredentials("connecting to Cloud Storage", e);
            }
        }
        return storage;
    }

    @Override
    public synchronized TopicAdminClient topicAdmin() {
        return open("Pub/Sub", () -> TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(pubsubChannel().orElse(TopicAdminSettings.defaultTransportChannelProvider()))
                .setCredentialsProvider(pubsubCredentials()).build()));
    }

    @Override
    public synchronized SubscriptionAdminClient subscriptionAdmin() {
        return open("Pub/Sub", () -> SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(pubsubChannel()
                        .orElse(SubscriptionAdminSettings.defaultTransportChannelProvider()))
                .setCredentialsProvider(pubsubCredentials()).build()));
    }

    @Override
    public synchronized PubSubJobPublisher publisher() {
        if (publisher != null) {
            return publisher;
        }
        publisher = open("Pub/Sub", () -> {
            Publisher.Builder b = Publisher.newBuilder(TopicName.of(settings.project(), settings.jobsTopic()))
                    .setBatchingSettings(PubSubJobPublisher.batching())
                    .setCredentialsProvider(pubsubCredentials());
            pubsubChannel().ifPresent(b::setChannelProvider);
            return new PubSubJobPublisher(b.build());
        });
        return publisher;
    }

    private CredentialsProvider pubsubCredentials() {
        return settings.pubsubEndpoint().isPresent() ? NoCredentialsProvider.create() : credentials();
    }

    private Optional<TransportChannelProvider> pubsubChannel() {
        if (settings.pubsubEndpoint().isEmpty()) {
            return Optional.empty();
        }
        if (emulatorChannel == null) {
            emulatorChannel = ManagedChannelBuilder.forTarget(settings.pubsubEndpoint().get()).usePlaintext().build();
        }
        return Optional.of(FixedTransportChannelProvider.create(GrpcTransportChannel.create(emulatorChannel)));
    }

    private interface Opener<T> {
        T open() throws IOException;
    }

    private <T extends AutoCloseable> T open(String service, Opener<T> opener) {
        try {
            T client = opener.open();
            opened.add(client);
            return client;
        } catch (IOException e) {
            throw GcpErrors.map("connecting to " + service, e);
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort: a client that failed to close has nothing left to flush.
                org.slf4j.LoggerFactory.getLogger(GcpClients.class).debug("closing {} failed", c, e);
            }
        }
        opened.clear();
        publisher = null;
        if (storage != null) {
            try {
                storage.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(GcpClients.class).debug("closing Cloud Storage failed", e);
            }
            storage = null;
        }
        if (emulatorChannel != null) {
            emulatorChannel.shutdownNow();
            try {
                emulatorChannel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            emulatorChannel = null;
        }
    }
}
