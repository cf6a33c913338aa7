package dev.datafactory.gcp.config;

import java.util.Optional;

/**
 * Where the factory lives on Google Cloud. Read with {@link GcpSettingsReader} from a settings
 * file and the environment; credentials are never part of it (Application Default Credentials).
 *
 * @param orchestratorUrl the HTTPS endpoint Cloud Scheduler calls (the orchestrator function or
 *                        the worker's {@code /orchestrate}); defaults to {@code workerUrl + /orchestrate}
 * @param schedulerServiceAccount the account whose OIDC token Cloud Scheduler presents
 * @param pushServiceAccount the account whose OIDC token Pub/Sub push presents to the worker
 * @param logName the log the worker's stdout lands in; canary queries are confined to it
 * @param pubsubEndpoint host:port of a Pub/Sub emulator, when one is used instead of the service
 */
public record GcpSettings(String project, String region, String jobsTopic, String pushSubscription,
                          String deadLetterTopic, String deadLetterSubscription, int maxDeliveryAttempts,
                          String bucket, Optional<String> workerUrl, Optional<String> orchestratorUrl,
                          Optional<String> schedulerServiceAccount, Optional<String> pushServiceAccount,
                          String env, String logName, ScheduleTarget scheduleTarget, String scheduleTopic,
                          Optional<String> pubsubEndpoint) {

    /** How Cloud Scheduler reaches the orchestrator. */
    public enum ScheduleTarget {
        /** An HTTPS call with an OIDC token (the orchestrator function or Cloud Run service). */
        HTTP,
        /** A message on {@code scheduleTopic}, for an orchestrator subscribed to it. */
        PUBSUB
    }

    public static final String DEFAULT_LOG = "run.googleapis.com%2Fstdout";

    /** Sensible names for everything but the project, region and bucket. */
    public static GcpSettings defaults(String project, String region, String bucket) {
        return new GcpSettings(project, region, "datafactory-jobs", "datafactory-jobs-push", "datafactory-jobs-dead",
                "datafactory-jobs-dead-keep", 5, bucket, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "cloud", DEFAULT_LOG, ScheduleTarget.HTTP, "datafactory-fires", Optional.empty());
    }

    /** The URL Cloud Scheduler's HTTP target calls. */
    public Optional<String> effectiveOrchestratorUrl() {
        return orchestratorUrl.or(() -> workerUrl.map(u -> stripSlash(u) + "/orchestrate"));
    }

    /** Where Pub/Sub pushes jobs: the worker's push endpoint. */
    public Optional<String> pushEndpoint() {
        return workerUrl.map(u -> stripSlash(u) + "/pubsub/push");
    }

    public String fullLogName() {
        return "projects/" + project + "/logs/" + logName;
    }

    public GcpSettings withWorkerUrl(String url) {
        return new GcpSettings(project, region, jobsTopic, pushSubscription, deadLetterTopic, deadLetterSubscription,
                maxDeliveryAttempts, bucket, Optional.ofNullable(url), orchestratorUrl, schedulerServiceAccount,
                pushServiceAccount, env, logName, scheduleTarget, scheduleTopic, pubsubEndpoint);
    }

    public GcpSettings withServiceAccounts(String scheduler, String push) {
        return new GcpSettings(project, region, jobsTopic, pushSubscription, deadLetterTopic, deadLetterSubscription,
                maxDeliveryAttempts, bucket, workerUrl, orchestratorUrl, Optional.ofNullable(scheduler),
                Optional.ofNullable(push), env, logName, scheduleTarget, scheduleTopic, pubsubEndpoint);
    }

    public GcpSettings withPubsubEndpoint(String hostPort) {
        return new GcpSettings(project, region, jobsTopic, pushSubscription, deadLetterTopic, deadLetterSubscription,
                maxDeliveryAttempts, bucket, workerUrl, orchestratorUrl, schedulerServiceAccount, pushServiceAccount,
                env, logName, scheduleTarget, scheduleTopic, Optional.ofNullable(hostPort));
    }

    public GcpSettings withScheduleTarget(ScheduleTarget target) {
        return new GcpSettings(project, region, jobsTopic, pushSubscription, deadLetterTopic, deadLetterSubscription,
                maxDeliveryAttempts, bucket, workerUrl, orchestratorUrl, schedulerServiceAccount, pushServiceAccount,
                env, logName, target, scheduleTopic, pubsubEndpoint);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
