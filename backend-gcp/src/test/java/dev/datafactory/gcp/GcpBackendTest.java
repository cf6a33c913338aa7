package dev.datafactory.gcp;

import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.Subscription;
import dev.datafactory.gcp.check.CheckResult;
import dev.datafactory.gcp.check.CheckResult.Outcome;
import dev.datafactory.gcp.check.GcpCheck;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.fakes.FakeGcp;
import dev.datafactory.gcp.fakes.PubSubEmulator;
import dev.datafactory.gcp.fakes.SharedPubSubEmulator;
import dev.datafactory.gcp.pubsub.PubSubProvisioner;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.schedule.ScheduleCodec;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The five ports wired by {@link GcpBackend}, and {@link GcpCheck}, over a project of fakes and the emulator. */
@ExtendWith(SharedPubSubEmulator.class)
class GcpBackendTest {

    private static PubSubEmulator emulator;

    @BeforeAll
    static void useEmulator(PubSubEmulator shared) {
        emulator = shared;
    }


    private static GcpSettings settings(String suffix) {
        GcpSettings d = GcpSettings.defaults("factory-test", "europe-west1", "factory-bucket");
        return new GcpSettings(d.project(), d.region(), "jobs-" + suffix, "push-" + suffix, "dead-" + suffix,
                "dead-keep-" + suffix, 5, d.bucket(), Optional.of("https://worker-abc-ew.a.run.app"), Optional.empty(),
                Optional.of("scheduler@factory-test.iam.gserviceaccount.com"),
                Optional.of("push@factory-test.iam.gserviceaccount.com"), "cloud", d.logName(),
                GcpSettings.ScheduleTarget.HTTP, d.scheduleTopic(), Optional.of(emulator.endpoint()));
    }

    private static Predicate<CheckResult> about(String service, String itemPart) {
        return r -> r.service().equals(service) && r.item().contains(itemPart);
    }

    private static CheckResult find(List<CheckResult> results, String service, String itemPart) {
        return results.stream().filter(about(service, itemPart)).findFirst().orElseThrow(
                () -> new AssertionError("no check of " + service + " " + itemPart + " in " + results));
    }

    @Test
    void checkSaysWhatIsMissingAndIsAllGreenAfterProvisioning() throws Exception {
        GcpSettings s = settings("check");
        try (FakeGcp gcp = new FakeGcp(s)) {
            List<CheckResult> before = new GcpCheck(gcp).run();

            assertThat(find(before, "Credentials", "Application").outcome()).isEqualTo(Outcome.OK);
            assertThat(find(before, "Cloud Scheduler", "jobs").outcome()).isEqualTo(Outcome.OK);
            assertThat(find(before, "Cloud Logging", "log").detail()).contains("no entries yet");
            assertThat(find(before, "Pub/Sub", "topic jobs-check").outcome()).isEqualTo(Outcome.FAIL);
            assertThat(find(before, "Pub/Sub", "topic jobs-check").detail()).contains("factory gcp provision");
            assertThat(find(before, "Pub/Sub", "subscription push-check").outcome()).isEqualTo(Outcome.FAIL);
            // LocalStorageHelper's fake has no bucket API (it never finds a bucket), so only the
            // "missing" path of the bucket check can be exercised here.
            assertThat(find(before, "Cloud Storage", "bucket").outcome()).isEqualTo(Outcome.FAIL);
            assertThat(find(before, "Cloud Storage", "bucket").detail())
                    .contains("gcloud storage buckets create gs://factory-bucket --location=europe-west1");
            assertThat(GcpCheck.allOk(before)).isFalse();

            new PubSubProvisioner(gcp.topicAdmin(), gcp.subscriptionAdmin()).provision(s);
            List<CheckResult> after = new GcpCheck(gcp).run();

            assertThat(after).filteredOn(r -> !r.service().equals("Cloud Storage"))
                    .filteredOn(r -> r.outcome() == Outcome.FAIL || r.outcome() == Outcome.WARN).isEmpty();
            assertThat(find(after, "Pub/Sub", "subscription push-check").detail())
                    .contains("https://worker-abc-ew.a.run.app/pubsub/push").contains("600 s");
        }
    }

    @Test
    void checkNamesTheRoleWhenAServiceRefuses() throws Exception {
        try (FakeGcp gcp = new FakeGcp(settings("denied"))) {
            gcp.scheduler.failNext(Status.PERMISSION_DENIED.withDescription(
                    "Permission 'cloudscheduler.jobs.list' denied on 'projects/factory-test/locations/europe-west1'")
                    .asRuntimeException());

            CheckResult scheduler = find(new GcpCheck(gcp).run(), "Cloud Scheduler", "jobs");

            assertThat(scheduler.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(scheduler.detail()).contains("PERMISSION_DENIED").contains("roles/cloudscheduler.viewer");
        }
    }

    @Test
    void withoutCredentialsOnlyTheEmulatorIsChecked() throws Exception {
        try (FakeGcp gcp = new FakeGcp(settings("nocreds")) {
            @Override
            public Optional<String> principal() {
                throw dev.datafactory.gcp.errors.GcpErrors.noCredentials("loading credentials", null);
            }
        }) {
            List<CheckResult> results = new GcpCheck(gcp).run();

            assertThat(find(results, "Credentials", "Application").outcome()).isEqualTo(Outcome.FAIL);
            assertThat(find(results, "Credentials", "Application").detail())
                    .contains("gcloud auth application-default login");
            assertThat(find(results, "Cloud Scheduler", "jobs").outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(find(results, "Cloud Storage", "bucket").outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(find(results, "Pub/Sub", "topic jobs-nocreds").outcome()).isEqualTo(Outcome.FAIL);
        }
    }

    @Test
    void theBackendsScheduleRunNowPublishesToTheJobsTopic() throws Exception {
        GcpSettings s = settings("backend");
        try (FakeGcp gcp = new FakeGcp(s); GcpBackend backend = new GcpBackend(gcp, Clock.systemUTC())) {
            gcp.topicAdmin().createTopic(PubSubProvisioner.topicName(s, s.jobsTopic()));
            String observer = PubSubProvisioner.subscriptionName(s, "observer-backend");
            gcp.subscriptionAdmin().createSubscription(Subscription.newBuilder().setName(observer)
                    .setTopic(PubSubProvisioner.topicName(s, s.jobsTopic())).setAckDeadlineSeconds(60).build());
            backend.schedules().create(ScheduleCodec.parse("test", """
                    {"id": "nightly", "cron": "0 2 * * *", "template": {"name": "t",
                     "startUrls": ["http://127.0.0.1:8931/"]}}
                    """));

            String runId = backend.schedules().runNow("nightly");

            PullResponse pulled = gcp.subscriptionAdmin().pull(observer, 10);
            for (int i = 0; i < 50 && pulled.getReceivedMessagesCount() == 0; i++) {
                Thread.sleep(100);
                pulled = gcp.subscriptionAdmin().pull(observer, 10);
            }
            assertThat(pulled.getReceivedMessagesList()).singleElement().satisfies(m -> {
                assertThat(m.getMessage().getAttributesMap()).contains(Map.entry("run", runId),
                        Map.entry("trigger", "MANUAL"));
                assertThat(JobRequestCodec.parse("m", m.getMessage().getData().toByteArray()).trigger())
                        .isEqualTo(Trigger.MANUAL);
            });
            assertThat(backend.artifacts().list("")).isEmpty();
            assertThat(backend.runs().list(dev.datafactory.model.ports.RunQuery.recent(5))).isEmpty();
        }
    }
}
