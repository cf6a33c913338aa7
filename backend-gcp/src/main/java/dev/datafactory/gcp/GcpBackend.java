package dev.datafactory.gcp;

import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.logging.CloudCanaryLogs;
import dev.datafactory.gcp.runs.ArtifactRunHistory;
import dev.datafactory.gcp.scheduler.CloudScheduleService;
import dev.datafactory.gcp.scheduler.JobMapping;
import dev.datafactory.gcp.storage.GcsArtifactStore;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.JobPublisher;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.ScheduleService;

import java.time.Clock;

/**
 * The factory's five ports on Google Cloud, for the console and the CLI:
 * {@code try (GcpBackend gcp = GcpBackend.connect(settings)) { gcp.schedules().list(); }}.
 * Canary logs are only read here: in the cloud the worker writes them to stdout and Cloud Run
 * ships them to Cloud Logging.
 */
public final class GcpBackend implements AutoCloseable {

    private final GcpServices services;
    private final ScheduleService schedules;
    private final JobPublisher jobs;
    private final CloudCanaryLogs logs;
    private final ArtifactStore artifacts;
    private final RunHistory runs;

    public GcpBackend(GcpServices services, Clock clock) {
        this.services = services;
        GcpSettings s = services.settings();
        this.jobs = services.publisher();
        this.schedules = new CloudScheduleService(services.scheduler(), new JobMapping(s),
                new Orchestrator(jobs, clock), clock);
        this.logs = new CloudCanaryLogs(services.logging(), s.project(), s.fullLogName());
        this.artifacts = new GcsArtifactStore(services.storage(), s.bucket());
        this.runs = new ArtifactRunHistory(artifacts);
    }

    /** Connects with Application Default Credentials; fails with an operator-readable error when there are none. */
    public static GcpBackend connect(GcpSettings settings) {
        GcpClients clients = new GcpClients(settings);
        try {
            return new GcpBackend(clients, Clock.systemUTC());
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    public GcpSettings settings() {
        return services.settings();
    }

    public ScheduleService schedules() {
        return schedules;
    }

    public JobPublisher jobs() {
        return jobs;
    }

    public CanaryLogs logs() {
        return logs;
    }

    public ArtifactStore artifacts() {
        return artifacts;
    }

    public RunHistory runs() {
        return runs;
    }

    @Override
    public void close() {
        logs.close();
        services.close();
    }
}
