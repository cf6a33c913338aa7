package dev.datafactory.launcher.local;

import dev.datafactory.launcher.testing.Cli;
import dev.datafactory.model.testing.Await;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.ports.ArtifactInfo;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code factory up} end to end with the real in-process worker and real Chromium: the demo
 * schedule appears on a fresh data directory, a run of it scrapes the demo shop (three products
 * with their delayed reviews, and the captcha wall as BLOCKED), screenshots and canary logs land
 * in the data directory.
 */
class FactoryUpTest {

    @TempDir
    Path dir;

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        if (!Await.until(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    @Test
    void upRunsTheDemoEndToEndAndStopsCleanly() throws Exception {
        Path data = dir.resolve("data");
        Cli cli = new Cli(data);
        AtomicReference<Cli.Result> upResult = new AtomicReference<>();
        Thread up = new Thread(() -> upResult.set(cli.run("up", "--demo-port", "0", "--concurrency", "2")), "factory-up");
        up.start();
        try (LocalFactory observer = LocalFactory.open(new DataDirectory(data))) {
            await("the factory to come up", Duration.ofSeconds(90), () -> upResult.get() == null
                    && observer.schedules().get("demo").isPresent()
                    && EngineLock.tryAcquire(observer.directory().engineLock()).isEmpty()
                    && observer.artifacts().root().resolve("../worker-signing-key.jwk").toFile().exists());
            assertThat(upResult.get()).as("up is still running").isNull();

            Cli.Result second = cli.run("up", "--demo-port", "0");
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.err()).contains("already running");

            String runId = cli.run("schedule", "run", "demo").out().trim();
            await("both demo jobs to finish", Duration.ofSeconds(120), () -> observer.runs().jobsOf(runId).size() == 2);

            List<RunRecord> jobs = observer.runs().jobsOf(runId);
            RunRecord shop = jobs.stream().filter(j -> j.status() == RunStatus.SUCCEEDED).findFirst().orElseThrow();
            RunRecord wall = jobs.stream().filter(j -> j.status() == RunStatus.BLOCKED).findFirst().orElseThrow();
            assertThat(shop.items()).isEqualTo(3);
            assertThat(wall.verdict().signals()).contains("selector:#captcha");

            String items = new String(observer.artifacts().get(ArtifactKeys.results("demo", runId, shop.jobId()))
                    .orElseThrow(), StandardCharsets.UTF_8);
            assertThat(items.lines()).hasSize(3);
            assertThat(items).contains("Copper Kettle", "Linen Apron", "Walnut Cutting Board", "€39.90",
                    "Ana: Boils fast");
            List<ArtifactInfo> shots = observer.artifacts().list("canary/demo/" + runId + "/");
            assertThat(shots).hasSizeGreaterThanOrEqualTo(2).allSatisfy(s -> {
                assertThat(s.contentType()).isEqualTo("image/png");
                assertThat(s.size()).isGreaterThan(1000);
            });
            List<CanaryEvent> log = observer.logs().query(LogQuery.all().withRun(runId));
            assertThat(log).extracting(e -> e.labels().env()).containsOnly("local");
            assertThat(log).extracting(CanaryEvent::message).anySatisfy(m -> assertThat(m).contains("SUCCEEDED"))
                    .anySatisfy(m -> assertThat(m).contains("BLOCKED"));

            await("the status line to show the jobs done", Duration.ofSeconds(30),
                    () -> observer.queue().counts().done() >= 2);
        } finally {
            up.interrupt();
            up.join(60_000);
        }
        assertThat(up.isAlive()).isFalse();
        Cli.Result result = upResult.get();
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Data Factory is up", "demo shop:", "Press Ctrl-C to stop.")
                .containsPattern("schedules 1 \\(1 enabled\\) \\| queued \\d+ \\| leased \\d+ \\| done [1-9]");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().orElse("")).filter(c -> c.contains("chrom")).toList())
                .as("the worker's browser was stopped with the factory").isEmpty();
        assertThat(Optional.ofNullable(EngineLock.tryAcquire(data.resolve("engine.lock")).orElse(null)))
                .as("the engine lock was released").hasValueSatisfying(EngineLock::close);
    }
}
