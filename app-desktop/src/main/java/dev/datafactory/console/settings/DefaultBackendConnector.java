package dev.datafactory.console.settings;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.gcp.GcpBackend;
import dev.datafactory.gcp.config.GcpSettings;

/**
 * Opens the backends: the local factory on a data directory, or a GCP project (Cloud Scheduler,
 * Pub/Sub, Cloud Logging, Cloud Storage) with Application Default Credentials.
 */
public final class DefaultBackendConnector implements BackendConnector {

    @Override
    public ConsoleBackend connect(BackendSettings settings) {
        return switch (settings.kind()) {
            case LOCAL -> local(settings);
            case GCP -> gcp(settings);
        };
    }

    /** A GCP project through Application Default Credentials. */
    public static ConsoleBackend gcp(BackendSettings settings) {
        GcpBackend gcp = GcpBackend.connect(gcpSettings(settings));
        return new ConsoleBackend("gcp", gcpDescription(settings),
                gcp.schedules(), gcp.jobs(), gcp.logs(), gcp.artifacts(), gcp.runs(), gcp::close);
    }

    /** Where a GCP backend works, as the console names it: "project my-proj (europe-west1)". */
    public static String gcpDescription(BackendSettings settings) {
        return "project " + settings.gcpProject() + " (" + settings.gcpRegion() + ")";
    }

    /** The backend's own settings: its defaults for every name the console does not ask for. */
    static GcpSettings gcpSettings(BackendSettings s) {
        GcpSettings d = GcpSettings.defaults(s.gcpProject(), s.gcpRegion(), s.bucket());
        String topic = s.topic().isBlank() ? d.jobsTopic() : s.topic();
        GcpSettings withTopic = new GcpSettings(d.project(), d.region(), topic, d.pushSubscription(),
                d.deadLetterTopic(), d.deadLetterSubscription(), d.maxDeliveryAttempts(), d.bucket(), d.workerUrl(),
                d.orchestratorUrl(), d.schedulerServiceAccount(), d.pushServiceAccount(), d.env(), d.logName(),
                d.scheduleTarget(), d.scheduleTopic(), d.pubsubEndpoint());
        return s.workerUrl().isBlank() ? withTopic : withTopic.withWorkerUrl(s.workerUrl());
    }

    /** The console reads and edits the factory's data; the engine (cron + dispatcher) runs where `factory up` runs. */
    public static ConsoleBackend local(BackendSettings settings) {
        LocalFactory factory = LocalFactory.open(new DataDirectory(settings.localDataDir().toAbsolutePath()));
        return new ConsoleBackend("local", settings.localDataDir().toAbsolutePath().toString(), factory.schedules(),
                factory.queue(), factory.logs(), factory.artifacts(), factory.runs(), factory::close);
    }
}
