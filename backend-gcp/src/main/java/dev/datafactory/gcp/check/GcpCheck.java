package dev.datafactory.gcp.check;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.ListJobsRequest;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.Storage;
import com.google.iam.v1.TestIamPermissionsRequest;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.LogEntry;
import com.google.pubsub.v1.Subscription;
import dev.datafactory.gcp.GcpServices;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.errors.GcpErrors;
import dev.datafactory.gcp.logging.LogEntries;
import dev.datafactory.gcp.pubsub.PubSubProvisioner;
import dev.datafactory.gcp.scheduler.JobMapping;
import dev.datafactory.model.ports.BackendException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What works and what does not for a configured project, service by service: reachable?
 * permitted? does the resource exist and look as the factory needs it? Shared by
 * {@code factory gcp check} and the console's Settings screen. Never changes anything.
 */
public final class GcpCheck {

    private static final String SCHEDULER = "Cloud Scheduler";
    private static final String PUBSUB = "Pub/Sub";
    private static final String LOGGING = "Cloud Logging";
    private static final String STORAGE = "Cloud Storage";

    private final GcpServices services;
    private final GcpSettings s;

    public GcpCheck(GcpServices services) {
        this.services = services;
        this.s = services.settings();
    }

    public List<CheckResult> run() {
        List<CheckResult> out = new ArrayList<>();
        CheckResult credentials = credentials();
        out.add(credentials);
        out.addAll(configuration());
        boolean signedIn = credentials.outcome() != CheckResult.Outcome.FAIL;
        // An emulator needs no credentials; every real service does.
        boolean pubsubSignedIn = signedIn || s.pubsubEndpoint().isPresent();
        out.add(guard(signedIn, SCHEDULER, "jobs in " + new JobMapping(s).parent(), this::scheduler));
        out.add(guard(pubsubSignedIn, PUBSUB, "topic " + s.jobsTopic(), () -> topic(s.jobsTopic())));
        out.add(guard(pubsubSignedIn, PUBSUB, "publish permission on " + s.jobsTopic(), this::publishPermission));
        out.add(guard(pubsubSignedIn, PUBSUB, "subscription " + s.pushSubscription(), this::pushSubscription));
        out.add(guard(pubsubSignedIn, PUBSUB, "topic " + s.deadLetterTopic(), () -> topic(s.deadLetterTopic())));
        out.add(guard(pubsubSignedIn, PUBSUB, "subscription " + s.deadLetterSubscription(),
                this::deadLetterSubscription));
        out.add(guard(signedIn, LOGGING, "log " + s.logName(), this::logging));
        out.add(guard(signedIn, STORAGE, "bucket " + s.bucket(), this::bucket));
        return out;
    }

    public static boolean allOk(List<CheckResult> results) {
        return results.stream().noneMatch(r -> r.outcome() == CheckResult.Outcome.FAIL);
    }

    private interface Check {
        CheckResult run();
    }

    /** Any failure of one check becomes its FAIL line; the other checks still run. */
    private static CheckResult guard(boolean signedIn, String service, String item, Check check) {
        if (!signedIn) {
            return CheckResult.skipped(service, item, "not checked without credentials (see Credentials above)");
        }
        try {
            return check.run();
        } catch (RuntimeException e) {
            BackendException mapped = GcpErrors.map("checking " + service + " " + item, e);
            return CheckResult.fail(service, item, mapped.kind() + ": " + mapped.getMessage());
        }
    }

    private CheckResult credentials() {
        try {
            return services.principal().map(p -> CheckResult.ok("Credentials", "Application Default Credentials",
                    "acting as " + p)).orElse(CheckResult.warn("Credentials", "Application Default Credentials",
                    "found, but they do not say which account they are"));
        } catch (BackendException e) {
            return CheckResult.fail("Credentials", "Application Default Credentials", e.getMessage());
        }
    }

    private List<CheckResult> configuration() {
        List<CheckResult> out = new ArrayList<>();
        String item = "settings";
        out.add(s.effectiveOrchestratorUrl().map(u -> CheckResult.ok("Configuration", "orchestrator URL", u))
                .orElse(CheckResult.warn("Configuration", item, "no workerUrl or orchestratorUrl: schedules cannot"
                        + " be created until Cloud Scheduler has a URL to call; set workerUrl in the GCP settings")));
        out.add(s.schedulerServiceAccount().map(a -> CheckResult.ok("Configuration", "scheduler service account", a))
                .orElse(CheckResult.warn("Configuration", "scheduler service account", "not set: Cloud Scheduler"
                        + " will call the orchestrator without an OIDC token, which it refuses; set"
                        + " schedulerServiceAccount")));
        out.add(s.pushServiceAccount().map(a -> CheckResult.ok("Configuration", "push service account", a))
                .orElse(CheckResult.warn("Configuration", "push service account", "not set: Pub/Sub will push"
                        + " without an OIDC token, which the worker refuses; set pushServiceAccount")));
        return out;
    }

    private CheckResult scheduler() {
        JobMapping mapping = new JobMapping(s);
        var page = services.scheduler().listJobs(ListJobsRequest.newBuilder().setParent(mapping.parent())
                .setPageSize(100).build()).getPage();
        int all = 0;
        int ours = 0;
        for (Job job : page.getValues()) {
            all++;
            if (job.getDescription().endsWith(JobMapping.DESCRIPTION_MARKER)) {
                ours++;
            }
        }
        return CheckResult.ok(SCHEDULER, "jobs in " + mapping.parent(), "reachable and permitted; " + all
                + (page.hasNextPage() ? "+" : "") + " job(s), " + ours + " of them Data Factory schedules");
    }

    private CheckResult topic(String name) {
        String full = PubSubProvisioner.topicName(s, name);
        try {
            services.topicAdmin().getTopic(full);
            return CheckResult.ok(PUBSUB, "topic " + name, "exists");
        } catch (ApiException e) {
            if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
                return CheckResult.fail(PUBSUB, "topic " + name, "missing: run `factory gcp provision` to create it");
            }
            throw e;
        }
    }

    private CheckResult publishPermission() {
        String item = "publish permission on " + s.jobsTopic();
        try {
            var granted = services.topicAdmin().testIamPermissions(TestIamPermissionsRequest.newBuilder()
                    .setResource(PubSubProvisioner.topicName(s, s.jobsTopic())).addPermissions("pubsub.topics.publish")
                    .build()).getPermissionsList();
            return granted.contains("pubsub.topics.publish") ? CheckResult.ok(PUBSUB, item, "granted")
                    : CheckResult.fail(PUBSUB, item, "not granted: give the factory's account roles/pubsub.publisher"
                    + " on topic " + s.jobsTopic());
        } catch (ApiException e) {
            StatusCode.Code code = e.getStatusCode().getCode();
            if (code == StatusCode.Code.UNIMPLEMENTED) {
                return CheckResult.skipped(PUBSUB, item, "this endpoint has no IAM (Pub/Sub emulator)");
            }
            if (code == StatusCode.Code.NOT_FOUND) {
                return CheckResult.skipped(PUBSUB, item, "topic missing (see above)");
            }
            throw e;
        }
    }

    private CheckResult pushSubscription() {
        String item = "subscription " + s.pushSubscription();
        Optional<Subscription> sub = subscription(s.pushSubscription());
        if (sub.isEmpty()) {
            return CheckResult.fail(PUBSUB, item, "missing: run `factory gcp provision` to create the push"
                    + " subscription to the worker");
        }
        Subscription have = sub.get();
        List<String> wrong = new ArrayList<>();
        if (!have.getTopic().equals(PubSubProvisioner.topicName(s, s.jobsTopic()))) {
            wrong.add("attached to " + have.getTopic());
        }
        String endpoint = have.getPushConfig().getPushEndpoint();
        if (endpoint.isEmpty()) {
            wrong.add("is a pull subscription, not push");
        } else if (s.pushEndpoint().isPresent() && !endpoint.equals(s.pushEndpoint().get())) {
            wrong.add("pushes to " + endpoint + ", not " + s.pushEndpoint().get());
        }
        if (s.pushServiceAccount().isPresent() && !have.getPushConfig().getOidcToken().getServiceAccountEmail()
                .equals(s.pushServiceAccount().get())) {
            wrong.add("pushes without an OIDC token of " + s.pushServiceAccount().get());
        }
        if (have.getAckDeadlineSeconds() != PubSubProvisioner.ACK_DEADLINE_SECONDS) {
            wrong.add("ack deadline " + have.getAckDeadlineSeconds() + " s, not " + PubSubProvisioner.ACK_DEADLINE_SECONDS);
        }
        if (!have.getDeadLetterPolicy().getDeadLetterTopic().equals(PubSubProvisioner.topicName(s, s.deadLetterTopic()))) {
            wrong.add("no dead-letter policy to " + s.deadLetterTopic());
        }
        return wrong.isEmpty() ? CheckResult.ok(PUBSUB, item, "push to " + endpoint + ", ack deadline "
                + have.getAckDeadlineSeconds() + " s, dead-letter after "
                + have.getDeadLetterPolicy().getMaxDeliveryAttempts() + " attempts")
                : CheckResult.fail(PUBSUB, item, String.join("; ", wrong) + ": run `factory gcp provision` to fix it");
    }

    private CheckResult deadLetterSubscription() {
        String item = "subscription " + s.deadLetterSubscription();
        return subscription(s.deadLetterSubscription())
                .map(sub -> CheckResult.ok(PUBSUB, item, "keeps dead-lettered jobs"))
                .orElse(CheckResult.fail(PUBSUB, item, "missing: dead-lettered jobs would be lost; run"
                        + " `factory gcp provision`"));
    }

    private Optional<Subscription> subscription(String name) {
        try {
            return Optional.of(services.subscriptionAdmin().getSubscription(PubSubProvisioner.subscriptionName(s, name)));
        } catch (ApiException e) {
            if (e.getStatusCode().getCode() == StatusCode.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private CheckResult logging() {
        var page = services.logging().listLogEntries(ListLogEntriesRequest.newBuilder()
                .addResourceNames("projects/" + s.project()).setFilter("logName=\"" + s.fullLogName() + "\"")
                .setOrderBy("timestamp desc").setPageSize(1).build()).getPage();
        Optional<LogEntry> latest = page.getValues().iterator().hasNext()
                ? Optional.of(page.getValues().iterator().next()) : Optional.empty();
        return CheckResult.ok(LOGGING, "log " + s.logName(), latest.map(e -> "reachable and permitted; latest entry "
                        + Instant.ofEpochSecond(e.getTimestamp().getSeconds())
                        + (LogEntries.toEvent(e).isPresent() ? " (a canary line)" : ""))
                .orElse("reachable and permitted; no entries yet (the worker has not logged)"));
    }

    private CheckResult bucket() {
        String item = "bucket " + s.bucket();
        Storage storage = services.storage();
        Bucket bucket = storage.get(s.bucket());
        if (bucket == null) {
            return CheckResult.fail(STORAGE, item, "missing: create it with `gcloud storage buckets create gs://"
                    + s.bucket() + " --location=" + s.region() + "`");
        }
        List<String> wanted = List.of("storage.objects.create", "storage.objects.get", "storage.objects.list");
        List<Boolean> granted;
        try {
            granted = storage.testIamPermissions(s.bucket(), wanted);
        } catch (UnsupportedOperationException e) {
            return CheckResult.ok(STORAGE, item, "exists (this endpoint cannot test permissions)");
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (i >= granted.size() || !Boolean.TRUE.equals(granted.get(i))) {
                missing.add(wanted.get(i));
            }
        }
        return missing.isEmpty() ? CheckResult.ok(STORAGE, item, "exists; objects can be written, read and listed")
                : CheckResult.fail(STORAGE, item, "missing " + String.join(", ", missing)
                + ": give the factory's account roles/storage.objectUser on gs://" + s.bucket());
    }
}
