package dev.datafactory.local.queue;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Await;
import dev.datafactory.local.support.Factories;
import dev.datafactory.local.support.PushPeer;
import dev.datafactory.local.support.PushPeer.Behaviour;
import dev.datafactory.local.support.Schedules;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.RunPlan;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

// "try": engines are opened only for their side effect, running while the block runs.
@SuppressWarnings("try")
class QueueDeliveryTest {

    private static final String TOKEN = "local-test-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static DispatcherSettings settings(PushPeer peer, int concurrency) {
        return DispatcherSettings.defaults(peer.pushUrl()).withConcurrency(concurrency)
                .withAckDeadline(Duration.ofSeconds(5)).withPollInterval(Duration.ofMillis(50))
                .withShutdownGrace(Duration.ofSeconds(5));
    }

    /** A schedule that never fires during the test; jobs come from runNow / the orchestrator. */
    private static Schedule quiet(String id, int jobs, int maxAttempts) {
        return Schedules.schedule(id, "0 0 1 1 *", "UTC", Schedules.urls(jobs), maxAttempts);
    }

    @Test
    void pushesTheExactPubSubEnvelopeWithTheBearerToken() throws Exception {
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC());
             PushPeer peer = new PushPeer(f.artifacts(), TOKEN, r -> Behaviour.OK, 0)) {
            Schedule s = f.schedules().create(quiet("one", 1, 5));
            RunPlan plan = f.orchestrator().plan(s, Instant.parse("2026-05-04T10:00:00Z"), Trigger.MANUAL);
            JobRequest job = plan.jobs().get(0);
            String messageId = f.queue().publish(job);
            assertThat(f.queue().publish(job)).as("publishing the same job id again is a no-op").isEqualTo(messageId);
            assertThat(f.queue().counts().queued()).isEqualTo(1);

            try (LocalFactory.Engine engine = f.startEngine(settings(peer, 2), () -> TOKEN)) {
                Await.until("the job to be acked", WAIT, () -> f.queue().counts().done() == 1);
            }

            assertThat(peer.received()).singleElement().satisfies(r -> {
                assertThat(r.jobId()).isEqualTo(job.jobId());
                assertThat(r.messageId()).isEqualTo(messageId);
                assertThat(r.deliveryAttempt()).isEqualTo(1);
                assertThat(r.subscription()).isEqualTo(DispatcherSettings.SUBSCRIPTION);
            });
            assertThat(peer.unauthorized()).isZero();
            assertThat(f.runs().get(job.runId(), job.jobId())).isPresent();
        }
    }

    @Test
    void everyJobEndsWithItsResultWrittenExactlyOnceWhateverTheWorkerDoes() throws Exception {
        int jobs = 40;
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC());
             PushPeer peer = new PushPeer(f.artifacts(), TOKEN, QueueDeliveryTest::flaky, 15)) {
            f.schedules().create(quiet("flaky", jobs, 20));
            String runId = f.schedules().runNow("flaky");

            try (LocalFactory.Engine engine = f.startEngine(settings(peer, 3), () -> TOKEN)) {
                Await.until("all jobs acked", WAIT, () -> f.queue().counts().done() == jobs);
            }

            List<ArtifactInfo> results = f.artifacts().list("results/flaky/" + runId + "/");
            assertThat(results).hasSize(jobs);
            assertThat(peer.scrapes()).as("results created").isEqualTo(jobs);
            assertThat(f.queue().counts().dead()).isZero();
            assertThat(f.runs().jobsOf(runId)).hasSize(jobs);

            List<PushPeer.Received> received = peer.received();
            Map<Behaviour, Long> byBehaviour = received.stream()
                    .collect(Collectors.groupingBy(PushPeer.Received::behaviour, Collectors.counting()));
            assertThat(byBehaviour).as("the peer misbehaved in every way").containsKeys(Behaviour.UNAVAILABLE,
                    Behaviour.DROP, Behaviour.DIE_AFTER_WRITE, Behaviour.FAIL, Behaviour.OK);
            // A job whose worker died after writing was delivered again and not scraped twice: its
            // result still carries the attempt that wrote it.
            Set<String> diedAfterWrite = received.stream().filter(r -> r.behaviour() == Behaviour.DIE_AFTER_WRITE)
                    .map(PushPeer.Received::jobId).collect(Collectors.toSet());
            assertThat(diedAfterWrite).isNotEmpty();
            for (String jobId : diedAfterWrite) {
                int firstWriter = received.stream().filter(r -> r.jobId().equals(jobId)
                                && (r.behaviour() == Behaviour.DIE_AFTER_WRITE || r.behaviour() == Behaviour.OK))
                        .mapToInt(PushPeer.Received::deliveryAttempt).min().orElseThrow();
                String line = new String(f.artifacts().get(ArtifactKeys.results("flaky", runId, jobId)).orElseThrow(),
                        StandardCharsets.UTF_8);
                assertThat(line).contains("\"attempt\":" + firstWriter + "}");
            }
            // Delivery attempts count up per job, one by one.
            received.stream().collect(Collectors.groupingBy(PushPeer.Received::jobId)).forEach((job, list) ->
                    assertThat(list).extracting(PushPeer.Received::deliveryAttempt)
                            .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, list.size())
                                    .boxed().toList()));
            assertThat(peer.maxConcurrent()).as("concurrency bounded by the worker's capacity").isLessThanOrEqualTo(3);
        }
    }

    /** Deterministic per (job, attempt) chaos; from the fifth delivery on the worker behaves. */
    private static Behaviour flaky(PushPeer.Received r) {
        if (r.deliveryAttempt() >= 5) {
            return Behaviour.OK;
        }
        int roll = Math.floorMod((r.jobId() + "#" + r.deliveryAttempt()).hashCode() * 31 + 7, 100);
        if (roll < 20) {
            return Behaviour.UNAVAILABLE;
        }
        if (roll < 35) {
            return Behaviour.DROP;
        }
        if (roll < 50) {
            return Behaviour.DIE_AFTER_WRITE;
        }
        if (roll < 58) {
            return Behaviour.FAIL;
        }
        return Behaviour.OK;
    }

    @Test
    void aJobThatAlwaysFailsIsDeadLetteredAfterMaxAttemptsAndCanBeReplayed() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC());
             PushPeer peer = new PushPeer(f.artifacts(), TOKEN, r -> broken.get() ? Behaviour.FAIL : Behaviour.OK, 0)) {
            f.schedules().create(quiet("poison", 1, 3));
            String runId = f.schedules().runNow("poison");
            try (LocalFactory.Engine engine = f.startEngine(settings(peer, 2), () -> TOKEN)) {
                Await.until("the job to be dead-lettered", WAIT, () -> f.queue().counts().dead() == 1);
                QueuedJob dead = f.queue().deadLetters(10).get(0);
                assertThat(dead.runId()).isEqualTo(runId);
                assertThat(dead.attempts()).isEqualTo(3);
                assertThat(dead.lastError()).hasValueSatisfying(e -> assertThat(e).contains("HTTP 500"));
                assertThat(peer.received()).extracting(PushPeer.Received::deliveryAttempt).containsExactly(1, 2, 3);
                assertThat(f.logs().query(LogQuery.all().withRun(runId).withMinSeverity(Severity.ERROR)))
                        .extracting(CanaryEvent::message).singleElement().asString()
                        .contains("dead letters after 3 failed deliveries", "factory jobs replay " + dead.jobId());

                broken.set(false);
                assertThat(f.queue().replay(dead.jobId())).isTrue();
                assertThat(f.queue().replay(dead.jobId())).as("already replayed").isFalse();
                Await.until("the replayed job to be acked", WAIT, () -> f.queue().counts().done() == 1);
            }
            assertThat(f.queue().counts().dead()).isZero();
            assertThat(peer.received()).extracting(PushPeer.Received::deliveryAttempt).containsExactly(1, 2, 3, 1);
            assertThat(peer.scrapes()).isEqualTo(1);
        }
    }

    @Test
    void aWrongTokenIsRefusedByTheWorkerAndNeverCountsAsDone() throws Exception {
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC());
             PushPeer peer = new PushPeer(f.artifacts(), TOKEN, r -> Behaviour.OK, 0)) {
            f.schedules().create(quiet("auth", 1, 2));
            f.schedules().runNow("auth");
            try (LocalFactory.Engine engine = f.startEngine(settings(peer, 1), () -> "not-the-token")) {
                Await.until("the job to be dead-lettered", WAIT, () -> f.queue().counts().dead() == 1);
            }
            assertThat(peer.unauthorized()).isEqualTo(2);
            assertThat(f.queue().deadLetters(1).get(0).lastError()).hasValueSatisfying(e -> assertThat(e).contains("401"));
            assertThat(peer.scrapes()).isZero();
        }
    }
}
