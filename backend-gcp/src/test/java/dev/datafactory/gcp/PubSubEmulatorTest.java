package dev.datafactory.gcp;

import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.gcp.config.GcpSettings;
import dev.datafactory.gcp.fakes.PubSubEmulator;
import dev.datafactory.gcp.fakes.SharedPubSubEmulator;
import dev.datafactory.gcp.pubsub.ProvisioningStep;
import dev.datafactory.gcp.pubsub.ProvisioningStep.Action;
import dev.datafactory.gcp.pubsub.PubSubJobPublisher;
import dev.datafactory.gcp.pubsub.PubSubProvisioner;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.spec.ScrapeSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing and provisioning against the real Pub/Sub emulator (started here on a free loopback
 * port): the emulator pushes real envelopes to a loopback HTTP endpoint standing in for the worker,
 * and dead-letters with {@code deliveryAttempt} as the service does.
 */
@ExtendWith(SharedPubSubEmulator.class)
class PubSubEmulatorTest {

    private static PubSubEmulator emulator;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void useEmulator(PubSubEmulator shared) {
        emulator = shared;
    }

    /** Settings with resource names of their own, so tests sharing the emulator do not meet. */
    private static GcpSettings settings(String workerUrl) {
        int n = NAMES.incrementAndGet();
        GcpSettings d = GcpSettings.defaults("factory-test", "europe-west1", "factory-bucket");
        return new GcpSettings(d.project(), d.region(), "jobs-" + n, "jobs-push-" + n, "jobs-dead-" + n,
                "jobs-dead-keep-" + n, 5, d.bucket(), java.util.Optional.ofNullable(workerUrl),
                java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of("push@factory-test.iam.gserviceaccount.com"), "cloud", d.logName(),
                GcpSettings.ScheduleTarget.HTTP, d.scheduleTopic(), java.util.Optional.of(emulator.endpoint()));
    }

    private static JobRequest job(String runId, String url) {
        ScrapeSpec spec = ScheduleCodec.parse("test", """
                {"id": "s", "cron": "* * * * *", "template": {"name": "t", "startUrls": ["%s"]}}
                """.formatted(url)).template();
        return new JobRequest(Orchestrator.jobId(runId, url), runId, "nightly", Trigger.SCHEDULE, 1, spec,
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void publishedJobsCarryTheRequestAndItsIdsAsAttributes() throws Exception {
        GcpSettings s = settings("http://127.0.0.1:9/");
        try (GcpClients c = new GcpClients(s)) {
            TopicAdminClient topics = c.topicAdmin();
            SubscriptionAdminClient subs = c.subscriptionAdmin();
            topics.createTopic(PubSubProvisioner.topicName(s, s.jobsTopic()));
            String pull = PubSubProvisioner.subscriptionName(s, "observer-" + NAMES.incrementAndGet());
            subs.createSubscription(Subscription.newBuilder().setName(pull)
                    .setTopic(PubSubProvisioner.topicName(s, s.jobsTopic())).setAckDeadlineSeconds(60).build());
            PubSubJobPublisher publisher = c.publisher();
            Orchestrator orchestrator = new Orchestrator(publisher, Clock.systemUTC());
            var plan = orchestrator.fire(ScheduleCodec.parse("test", """
                    {"id": "nightly", "cron": "0 2 * * *", "template": {"name": "t",
                     "startUrls": ["http://127.0.0.1:8931/a", "http://127.0.0.1:8931/b", "http://127.0.0.1:8931/c"]}}
                    """), Instant.parse("2026-03-01T02:00:00Z"), Trigger.SCHEDULE);

            List<ReceivedMessage> received = pullAtLeast(subs, pull, 3, Duration.ofSeconds(20));

            assertThat(received).hasSize(3);
            for (ReceivedMessage m : received) {
                JobRequest decoded = JobRequestCodec.parse("message", m.getMessage().getData().toByteArray());
                assertThat(plan.jobs()).contains(decoded);
                assertThat(m.getMessage().getAttributesMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                        "run", "nightly-20260301T020000Z", "job", decoded.jobId(), "schedule", "nightly",
                        "trigger", "SCHEDULE"));
            }
        }
    }

    @Test
    void provisioningCreatesThenVerifiesThenRepairs() {
        GcpSettings s = settings("https://worker-abc-ew.a.run.app");
        try (GcpClients c = new GcpClients(s)) {
            PubSubProvisioner provisioner = new PubSubProvisioner(c.topicAdmin(), c.subscriptionAdmin());

            assertThat(provisioner.provision(s)).extracting(ProvisioningStep::action)
                    .containsExactly(Action.CREATED, Action.CREATED, Action.CREATED, Action.CREATED, Action.SKIPPED);
            Subscription push = c.subscriptionAdmin().getSubscription(
                    PubSubProvisioner.subscriptionName(s, s.pushSubscription()));
            assertThat(push.getTopic()).isEqualTo("projects/factory-test/topics/" + s.jobsTopic());
            assertThat(push.getPushConfig().getPushEndpoint()).isEqualTo("https://worker-abc-ew.a.run.app/pubsub/push");
            assertThat(push.getAckDeadlineSeconds()).isEqualTo(600);
            assertThat(push.getDeadLetterPolicy().getDeadLetterTopic())
                    .isEqualTo("projects/factory-test/topics/" + s.deadLetterTopic());
            assertThat(push.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(5);
            assertThat(push.getRetryPolicy().getMaximumBackoff().getSeconds()).isEqualTo(600);

            List<ProvisioningStep> again = provisioner.provision(s, java.util.Optional.of("123456789"));
            assertThat(again).extracting(ProvisioningStep::action)
                    .containsExactly(Action.VERIFIED, Action.VERIFIED, Action.VERIFIED, Action.VERIFIED, Action.SKIPPED);
            // The emulator has no IAM; without a project number the step says how to grant by hand.
            assertThat(again.get(4).detail()).contains("no IAM");
            assertThat(provisioner.provision(s).get(4).detail())
                    .contains("gcloud pubsub topics add-iam-policy-binding " + s.deadLetterTopic())
                    .contains("roles/pubsub.publisher").contains("roles/pubsub.subscriber");

            GcpSettings moved = s.withWorkerUrl("https://worker-new-ew.a.run.app");
            List<ProvisioningStep> steps = provisioner.provision(moved);
            assertThat(steps.get(2).action()).isEqualTo(Action.UPDATED);
            assertThat(steps.get(2).detail()).contains("push_config");
            assertThat(c.subscriptionAdmin().getSubscription(PubSubProvisioner.subscriptionName(s, s.pushSubscription()))
                    .getPushConfig().getPushEndpoint()).isEqualTo("https://worker-new-ew.a.run.app/pubsub/push");
        }
    }

    @Test
    void aJobTheWorkerKeepsFailingEndsInTheDeadLetterSubscription() throws Exception {
        List<String> jobsSeen = new CopyOnWriteArrayList<>();
        HttpServer worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.createContext("/pubsub/push", exchange -> {
            PushEnvelope envelope = PushEnvelopeCodec.decode(exchange.getRequestBody().readAllBytes());
            jobsSeen.add(envelope.message().attributes().get("job"));
            // The poisoned job fails retryably every time; the healthy one is acknowledged.
            int status = envelope.message().attributes().get("run").equals("poisoned") ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        worker.start();
        GcpSettings s = settings("http://127.0.0.1:" + worker.getAddress().getPort());
        try (GcpClients c = new GcpClients(s)) {
            new PubSubProvisioner(c.topicAdmin(), c.subscriptionAdmin(), Duration.ZERO, Duration.ofSeconds(1))
                    .provision(s);
            c.publisher().publish(job("healthy", "http://127.0.0.1:8931/ok"));
            c.publisher().publish(job("poisoned", "http://127.0.0.1:8931/bad"));

            List<ReceivedMessage> dead = pullAtLeast(c.subscriptionAdmin(),
                    PubSubProvisioner.subscriptionName(s, s.deadLetterSubscription()), 1, Duration.ofSeconds(60));

            assertThat(dead).hasSize(1);
            Map<String, String> attributes = dead.get(0).getMessage().getAttributesMap();
            assertThat(attributes).containsEntry("run", "poisoned").containsEntry("schedule", "nightly");
            assertThat(attributes).containsEntry("CloudPubSubDeadLetterSourceDeliveryCount", "5")
                    .containsEntry("CloudPubSubDeadLetterSourceSubscription", s.pushSubscription());
            assertThat(JobRequestCodec.parse("dead letter", dead.get(0).getMessage().getData().toByteArray()).runId())
                    .isEqualTo("poisoned");
            String poisonedJob = Orchestrator.jobId("poisoned", "http://127.0.0.1:8931/bad");
            // This emulator's push envelopes carry no deliveryAttempt, so count the deliveries instead.
            assertThat(jobsSeen.stream().filter(poisonedJob::equals).count()).isEqualTo(5);
            assertThat(jobsSeen).containsOnlyOnce(Orchestrator.jobId("healthy", "http://127.0.0.1:8931/ok"));
        } finally {
            worker.stop(0);
        }
    }

    private static List<ReceivedMessage> pullAtLeast(SubscriptionAdminClient subs, String subscription, int count,
                                                     Duration within) throws InterruptedException {
        List<ReceivedMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            PullResponse response = subs.pull(subscription, 10);
            out.addAll(response.getReceivedMessagesList());
            if (response.getReceivedMessagesCount() > 0) {
                subs.acknowledge(subscription, response.getReceivedMessagesList().stream()
                        .map(ReceivedMessage::getAckId).toList());
            } else {
                Thread.sleep(100);
            }
        }
        return out;
    }
}
