package dev.datafactory.local.bench;

import com.sun.net.httpserver.HttpServer;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.queue.DispatcherSettings;
import dev.datafactory.local.support.Schedules;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.orchestrator.Orchestrator;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.schedule.Schedule;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * bench/queue: how fast the local queue takes jobs in and pushes them to a worker that answers at
 * once, and how long it takes from a schedule's fire time to the worker receiving the job.
 * Run with bench/queue/run.sh; prints the numbers (no assertions: tests do not time things).
 */
public final class QueueBenchmark {

    private QueueBenchmark() {
    }

    /** A worker stand-in that answers 200 at once and notes when each job arrived (by the bench's clock). */
    static final class InstantWorker implements AutoCloseable {
        final HttpServer server;
        final Map<String, Instant> received = new ConcurrentHashMap<>();

        InstantWorker(Clock clock) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.createContext("/pubsub/push", ex -> {
                try (ex) {
                    Instant at = clock.instant();
                    byte[] body = ex.getRequestBody().readAllBytes();
                    JobRequest job = JobRequestCodec.parse("push", PushEnvelopeCodec.decode(body).message().data());
                    received.putIfAbsent(job.jobId(), at);
                    ex.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pubsub/push");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Real time, shifted so the next minute boundary can be brought close: cron rounds without waiting a minute. */
    static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void nextBoundaryIn(Duration d) {
            Instant now = Clock.systemUTC().instant();
            Instant shifted = now.plus(offset);
            Instant boundary = shifted.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            offset = offset.plus(Duration.between(shifted, boundary)).minus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path root = Files.createTempDirectory("bench-queue");
        System.out.printf(Locale.ROOT, "bench/queue on %d cores, %s %s; data dir %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), root);
        throughput(root.resolve("throughput"), jobs, concurrency);
        for (Duration tick : List.of(Duration.ofSeconds(1), Duration.ofMillis(100))) {
            fireToStart(root.resolve("latency-" + tick.toMillis()), rounds, 5, tick);
        }
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void throughput(Path dir, int jobs, int concurrency) throws Exception {
        LocalFactorySettings settings = LocalFactorySettings.defaults();
        try (LocalFactory f = LocalFactory.open(new DataDirectory(dir), settings, Clock.systemUTC());
             InstantWorker worker = new InstantWorker(Clock.systemUTC())) {
            Schedule s = f.schedules().create(Schedules.schedule("bench", "0 0 1 1 *", "UTC"));
            JobRequest template = f.orchestrator().plan(s, Instant.parse("2026-01-01T00:00:00Z"), Trigger.MANUAL)
                    .jobs().get(0);
            long t0 = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                f.queue().publish(new JobRequest(template.jobId() + "-" + i, template.runId(), s.id(), Trigger.MANUAL,
                        1, template.spec(), template.requestedAt()));
            }
            double enqueueSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "enqueue:  %d jobs in %.2f s = %.0f jobs/s (one SQLite transaction each)%n",
                    jobs, enqueueSeconds, jobs / enqueueSeconds);

            long t1 = System.nanoTime();
            try (LocalFactory.Engine engine = f.startEngine(DispatcherSettings.defaults(worker.url())
                    .withConcurrency(concurrency).withPollInterval(Duration.ofMillis(20)), () -> "bench-token")) {
                while (f.queue().counts().done() < jobs) {
                    Thread.sleep(5);
                }
                double dispatchSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "dispatch: %d jobs in %.2f s = %.0f jobs/s (push + ack, %d in flight)%n",
                        jobs, dispatchSeconds, jobs / dispatchSeconds, concurrency);
                if (engine.dispatcher().inFlight() < 0) {
                    throw new IllegalStateException("in-flight count went negative");
                }
            }
        }
    }

    private static void fireToStart(Path dir, int rounds, int schedulesPerRound, Duration tick) throws Exception {
        ShiftedClock clock = new ShiftedClock();
        LocalFactorySettings settings = LocalFactorySettings.defaults().withTickInterval(tick);
        List<Double> latenciesMs = new ArrayList<>();
        try (LocalFactory f = LocalFactory.open(new DataDirectory(dir), settings, clock);
             InstantWorker worker = new InstantWorker(clock)) {
            clock.nextBoundaryIn(Duration.ofSeconds(30));
            for (int i = 0; i < schedulesPerRound; i++) {
                f.schedules().create(Schedules.schedule("every-minute-" + i, "* * * * *", "UTC"));
            }
            try (LocalFactory.Engine engine = f.startEngine(DispatcherSettings.defaults(worker.url())
                    .withConcurrency(8), () -> "bench-token")) {
                for (int r = 0; r < rounds; r++) {
                    // Place the next minute boundary a random part of a tick ahead, as real boundaries fall.
                    clock.nextBoundaryIn(Duration.ofMillis(300 + (long) (Math.random() * tick.toMillis())));
                    Instant slot = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
                    int expected = (r + 1) * schedulesPerRound;
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (worker.received.size() < expected && System.nanoTime() < deadline) {
                        Thread.sleep(2);
                    }
                    // Job ids are {schedule}-{fire time}-{hash}: pick this round's by its fire time.
                    String stamp = "-" + Orchestrator.runId("x", slot).substring(2) + "-";
                    worker.received.forEach((jobId, at) -> {
                        if (jobId.contains(stamp)) {
                            latenciesMs.add(Duration.between(slot, at).toNanos() / 1e6);
                        }
                    });
                }
                if (engine.cron().lastFiring().isEmpty()) {
                    throw new IllegalStateException("the engine never fired");
                }
            }
        }
        Collections.sort(latenciesMs);
        System.out.printf(Locale.ROOT, "fire-to-start (tick %d ms): %d firings, median %.0f ms, p99 %.0f ms, max %.0f ms%n",
                tick.toMillis(), latenciesMs.size(), percentile(latenciesMs, 50), percentile(latenciesMs, 99),
                latenciesMs.isEmpty() ? Double.NaN : latenciesMs.get(latenciesMs.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
