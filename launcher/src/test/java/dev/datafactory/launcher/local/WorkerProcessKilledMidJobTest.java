package dev.datafactory.launcher.local;

import dev.datafactory.model.testing.Await;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.queue.DispatcherSettings;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.worker.auth.LocalTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real worker process ({@code factory worker}, its own JVM, Playwright driver and Chromium) is
 * killed with SIGKILL while its job's page is loading, as when a Cloud Run instance is lost. The
 * local queue delivers the job again to a fresh worker process on the same address; the job ends
 * with exactly one result and one run record.
 */
class WorkerProcessKilledMidJobTest {

    @TempDir
    Path dir;

    private final CountDownLatch firstLoadStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aJobWhoseWorkerIsKilledMidPageIsRecordedOnceByTheNextWorker() throws Exception {
        HttpServer site = slowSite();
        int port = freePort();
        LocalFactorySettings settings = LocalFactorySettings.defaults().withBackoffUnit(Duration.ofMillis(250));
        List<Process> workers = new ArrayList<>();
        try (LocalFactory f = LocalFactory.open(new DataDirectory(dir), settings, Clock.systemUTC())) {
            LocalTokens tokens = LocalTokens.open(dir);
            String page = "http://127.0.0.1:" + site.getAddress().getPort() + "/product";
            f.schedules().create(new Schedule("killed", "Killed", "0 0 1 1 *", "UTC", ScheduleState.ENABLED,
                    ScrapeSpecCodec.parse("spec", """
                            {"name": "killed", "startUrls": ["%s"],
                             "extract": {"fields": {"title": {"selector": "h1"}}},
                             "screenshots": {"when": "never"}, "allowHosts": ["127.0.0.1"]}""".formatted(page)),
                    new RetryPolicy(10, 1, 16), Optional.empty(), Optional.empty()));
            workers.add(startWorker(port, "first"));
            String runId = f.schedules().runNow("killed");
            URI push = URI.create("http://127.0.0.1:" + port + "/pubsub/push");
            try (LocalFactory.Engine engine = f.startEngine(DispatcherSettings.defaults(push).withConcurrency(1)
                    .withAckDeadline(Duration.ofSeconds(60)), tokens::issue)) {
                assertThat(firstLoadStarted.await(90, TimeUnit.SECONDS)).as("the first worker loads the page").isTrue();
                kill(workers.get(0));

                workers.add(startWorker(port, "second"));
                release.countDown();
                await("the job to be recorded", () -> f.queue().counts().done() == 1
                        && engine.dispatcher().inFlight() == 0);
            }

            List<RunRecord> jobs = f.runs().jobsOf(runId);
            assertThat(jobs).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(r.items()).isEqualTo(1);
                assertThat(r.attempt()).as("delivered again after the kill").isGreaterThanOrEqualTo(2);
            });
            assertThat(f.artifacts().list("results/killed/" + runId + "/")).hasSize(1);
            assertThat(f.queue().counts().dead()).isZero();
            assertThat(loads.get()).as("one load cut short by the kill, one by the second worker").isEqualTo(2);
        } finally {
            release.countDown();
            workers.forEach(WorkerProcessKilledMidJobTest::stop);
            site.stop(0);
        }
    }

    /** The product page: its first load hangs until released, as a slow site would while the worker dies. */
    private HttpServer slowSite() throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slow-site");
            t.setDaemon(true);
            return t;
        }));
        site.createContext("/product", exchange -> {
            if (loads.incrementAndGet() == 1) {
                firstLoadStarted.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "<html><body><h1>Red mug</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            } catch (IOException e) {
                // The browser that asked is gone (killed with its worker).
            }
        });
        site.start();
        return site;
    }

    /** {@code factory worker} in its own JVM, as the container runs it; ready once /healthz answers. */
    private Process startWorker(int port, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/node"))) {
            command.add("-Dplaywright.nodejs.path=/usr/bin/node");
        }
        command.addAll(List.of("dev.datafactory.launcher.Main", "worker", "--data-dir", dir.toString(),
                "--port", String.valueOf(port), "--concurrency", "1"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker-" + name + ".log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        await("worker " + name + " to answer /healthz", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return process;
    }

    /** SIGKILL to the worker and everything it started (driver, Chromium): a lost instance, not a shutdown. */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        if (!Await.until(Duration.ofSeconds(120), condition)) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }
}
