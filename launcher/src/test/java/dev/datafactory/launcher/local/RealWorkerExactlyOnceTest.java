package dev.datafactory.launcher.local;

import dev.datafactory.model.testing.Await;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.demo.DemoSchedule;
import dev.datafactory.local.demo.DemoShop;
import dev.datafactory.local.queue.DispatcherSettings;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.worker.WorkerOptions;
import dev.datafactory.worker.WorkerService;
import dev.datafactory.worker.auth.LocalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once results under at-least-once delivery, with the real worker and real Chromium: a
 * chaos proxy answers 503, drops connections, and loses the worker's answer after it wrote the
 * result; every job still ends with its result written once.
 */
class RealWorkerExactlyOnceTest {

    @TempDir
    Path dir;

    // Jobs numbered in order of first delivery: job ids contain the run id (the fire time), so hashing them
    // made the mix of acts vary from run to run, and sometimes an act never happened and the test failed.
    private final Map<String, Integer> jobOrder = new HashMap<>();

    /** Job n's delivery a acts as ACTS[(n + a - 1) % 4] until FORWARD; so the first deliveries of 4 jobs do all four. */
    private synchronized ChaosProxy.Act chaos(ChaosProxy.Delivery d) {
        if (d.attempt() >= 4) {
            return ChaosProxy.Act.FORWARD;
        }
        int n = jobOrder.computeIfAbsent(d.jobId(), id -> jobOrder.size());
        return switch ((n + d.attempt() - 1) % 4) {
            case 0 -> ChaosProxy.Act.UNAVAILABLE;
            case 1 -> ChaosProxy.Act.FORWARD_THEN_DROP;
            case 2 -> ChaosProxy.Act.DROP;
            default -> ChaosProxy.Act.FORWARD;
        };
    }

    @Test
    void everyJobIsRecordedOnceThoughDeliveriesFailAndRepeat() throws Exception {
        LocalFactorySettings settings = LocalFactorySettings.defaults().withBackoffUnit(Duration.ofMillis(50))
                .withSyncArtifacts(false);
        try (LocalFactory f = LocalFactory.open(new DataDirectory(dir), settings, Clock.systemUTC());
             DemoShop shop = DemoShop.start(0);
             WorkerService worker = WorkerService.start(WorkerOptions.local(dir).withConcurrency(2), f.artifacts(),
                     f.logs());
             ChaosProxy proxy = new ChaosProxy(worker.pushUri(), this::chaos)) {
            Schedule demo = DemoSchedule.forShop(shop.baseUri());
            String base = shop.baseUri().toString();
            Schedule fourJobs = new Schedule("chaos", "Chaos", "0 0 1 1 *", "UTC", demo.state(),
                    demo.template().withStartUrls(List.of(base, base + "product/1", base + "product/2", base + "members")),
                    new dev.datafactory.model.schedule.RetryPolicy(10, 1, 2), java.util.Optional.empty(),
                    java.util.Optional.empty());
            f.schedules().create(fourJobs);
            String runId = f.schedules().runNow("chaos");
            LocalTokens tokens = LocalTokens.open(dir);
            try (LocalFactory.Engine engine = f.startEngine(DispatcherSettings.defaults(proxy.pushUrl())
                    .withConcurrency(2).withAckDeadline(Duration.ofSeconds(60)), tokens::issue)) {
                // The dispatcher counts a job done just before it frees its slot: wait for both.
                Await.until(Duration.ofSeconds(150), () -> f.queue().counts().done() >= 4
                        && engine.dispatcher().inFlight() == 0);
                assertThat(engine.dispatcher().inFlight()).isZero();
            }
            assertThat(f.queue().counts().done()).isEqualTo(4);
            assertThat(f.queue().counts().dead()).isZero();

            Map<ChaosProxy.Act, Long> acts = proxy.deliveries().stream()
                    .collect(Collectors.groupingBy(ChaosProxy.Delivery::act, Collectors.counting()));
            assertThat(acts).containsKeys(ChaosProxy.Act.UNAVAILABLE, ChaosProxy.Act.DROP,
                    ChaosProxy.Act.FORWARD_THEN_DROP, ChaosProxy.Act.FORWARD);

            List<RunRecord> jobs = f.runs().jobsOf(runId);
            assertThat(jobs).hasSize(4);
            assertThat(jobs).extracting(RunRecord::status).containsOnly(RunStatus.SUCCEEDED, RunStatus.BLOCKED);
            assertThat(f.artifacts().list("results/chaos/" + runId + "/")).hasSize(4);
            // The worker writes a job's "finish" line only when its result was created: once per job.
            List<CanaryEvent> finishes = f.logs().query(LogQuery.all().withRun(runId)).stream()
                    .filter(e -> e.canary().flatMap(c -> c.step()).filter("finish"::equals).isPresent()).toList();
            assertThat(finishes).extracting(e -> e.labels().job())
                    .containsExactlyInAnyOrderElementsOf(jobs.stream().map(RunRecord::jobId).toList());
        }
    }
}
