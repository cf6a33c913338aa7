package dev.datafactory.local.queue;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.Database;
import dev.datafactory.local.support.Await;
import dev.datafactory.local.support.Factories;
import dev.datafactory.local.support.PushPeer;
import dev.datafactory.local.support.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 the process that runs the queue while jobs are in flight: nothing is lost, nothing is corrupted. */
class CrashSafetyTest {

    private static final String TOKEN = "crash-token";

    @TempDir
    Path dir;

    private Process startFactory(Path data, PushPeer peer, int generation) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("factory-" + generation + ".log");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, FactoryProcess.class.getName(),
                data.toString(), peer.pushUrl().toString(), TOKEN)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Await.until("factory process " + generation + " to start", Duration.ofSeconds(60), () -> {
            try {
                return Files.readString(out).contains("ENGINE UP") || !p.isAlive();
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(p.isAlive()).as("factory process %d is running (see %s)", generation, out).isTrue();
        return p;
    }

    private static void killHard(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void killingTheFactoryMidFlightLosesNoJobAndCorruptsNothing() throws Exception {
        int jobs = 40;
        Path data = dir.resolve("data");
        try (LocalFactory f = Factories.open(data, Clock.systemUTC());
             PushPeer peer = new PushPeer(f.artifacts(), TOKEN, r -> PushPeer.Behaviour.OK, 150)) {
            f.schedules().create(Schedules.schedule("crash", "0 0 1 1 *", "UTC", Schedules.urls(jobs), 10));
            String runId = f.schedules().runNow("crash");

            Process first = startFactory(data, peer, 1);
            Await.until("deliveries in flight", Duration.ofSeconds(60),
                    () -> peer.received().size() >= 8 && f.queue().counts().leased() > 0);
            killHard(first);
            QueueCounts afterFirstKill = f.queue().counts();
            assertThat(afterFirstKill.leased()).as("jobs were in flight when killed").isPositive();
            assertThat(afterFirstKill.done()).isLessThan(jobs);

            Process second = startFactory(data, peer, 2);
            Await.until("more deliveries", Duration.ofSeconds(60),
                    () -> f.queue().counts().done() >= afterFirstKill.done() + 8 && f.queue().counts().leased() > 0);
            killHard(second);

            Process third = startFactory(data, peer, 3);
            try {
                Await.until("every job done", Duration.ofSeconds(90), () -> f.queue().counts().done() == jobs);
            } finally {
                killHard(third);
            }

            assertThat(f.queue().counts()).isEqualTo(new QueueCounts(0, 0, jobs, 0));
            assertThat(f.artifacts().list("results/crash/" + runId + "/")).hasSize(jobs);
            assertThat(peer.scrapes()).as("each result written exactly once").isEqualTo(jobs);
            assertThat(peer.received().size()).as("in-flight jobs were delivered again").isGreaterThan(jobs);
            assertThat(f.database().integrityCheck()).isEqualTo("ok");
        }
        try (Database reopened = Database.open(data.resolve("factory.db"))) {
            assertThat(reopened.integrityCheck()).isEqualTo("ok");
        }
        for (File log : List.of(dir.resolve("factory-1.log").toFile(), dir.resolve("factory-3.log").toFile())) {
            assertThat(Files.readString(log.toPath())).doesNotContain("Exception", "ERROR");
        }
    }
}
