package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.LocalFactorySettings;
import dev.datafactory.local.logs.LogRetention;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.local.demo.DemoSchedule;
import dev.datafactory.local.demo.DemoShop;
import dev.datafactory.local.queue.QueueCounts;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.validation.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code factory up}: the whole local factory without a window: cron engine, durable queue and
 * dispatcher, a worker (in-process on a loopback port, or {@code --worker-url}), the demo shop,
 * and a status line, until Ctrl-C.
 */
// The first line stands alone in `factory --help`'s command list, so it is a whole sentence.
@Command(name = "up", description = {"Run the whole local factory headless, with a status line, until Ctrl-C.",
        "Schedules fire, jobs are queued and pushed to a worker (started in-process unless --worker-url),",
        "results and canary logs land in the data directory. A fresh data directory gets a demo schedule",
        "scraping a bundled demo shop every minute."})
public final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Mixin
    DataDirOption data;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--worker-url", paramLabel = "URL",
            description = "Push jobs to this worker (e.g. http://127.0.0.1:8080) instead of starting one; it must"
                    + " accept tokens of this data directory's key (factory worker --data-dir ...).")
    URI workerUrl;
    @Option(names = "--concurrency", paramLabel = "N",
            description = "Jobs at once: the in-process worker's capacity, and the most pushes in flight.")
    Integer concurrency;
    @Option(names = "--no-demo", description = "Do not serve the demo shop (nor create the demo schedule).")
    boolean noDemo;
    @Option(names = "--demo-port", paramLabel = "PORT", defaultValue = "" + DemoShop.DEFAULT_PORT,
            description = "Port of the demo shop on 127.0.0.1 (a free one if taken; default ${DEFAULT-VALUE}).")
    int demoPort;
    @Option(names = "--log-history", paramLabel = "MB", defaultValue = "200",
            description = "Canary log history to keep on disk, in MB; the oldest rotated file goes first"
                    + " (default ${DEFAULT-VALUE}).")
    int logHistoryMb;
    @Option(names = "--run-for", paramLabel = "DURATION",
            description = "Stop by itself after this long (e.g. 90s, 10m), as on Ctrl-C; for scripts and smoke tests.")
    String runFor;

    @Override
    public Integer call() {
        Optional<Duration> stopAfter = Optional.ofNullable(runFor).map(UpCommand::parseDuration);
        LogRetention retention = logRetention(logHistoryMb);
        PrintWriter out = spec.commandLine().getOut();
        Deque<AutoCloseable> stack = new ArrayDeque<>();
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                LOG.info("Stopping: letting deliveries in flight finish, then the worker drains");
                while (!stack.isEmpty()) {
                    try {
                        stack.pop().close();
                    } catch (Exception e) {
                        LOG.error("Stopping {} failed: {}", e.getClass().getSimpleName(), e.getMessage());
                    }
                }
                LOG.info("Factory stopped");
            }
            done.countDown();
        };
        Thread hook = new Thread(stop, "factory-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            LocalFactory factory = LocalFactory.open(data.resolve(), LocalFactorySettings.defaults()
                    .withLogRetention(retention), java.time.Clock.systemUTC());
            stack.push(factory);
            String root = factory.directory().root().toString();
            LocalRuntime runtime = LocalRuntime.start(factory, new LocalRuntime.Options(
                    Optional.ofNullable(workerUrl), Optional.ofNullable(concurrency), !noDemo, demoPort));
            stack.push(runtime);
            URI push = runtime.pushUri();
            int capacity = runtime.capacity();
            Optional<DemoShop> shop = runtime.demoShop();

            out.println("Data Factory is up. Data directory: " + root);
            out.println("  worker:     " + push + (workerUrl == null ? " (in-process, " + capacity + " jobs at once)" : ""));
            shop.ifPresent(s -> out.println("  demo shop:  " + s.baseUri() + " (schedule \"" + DemoSchedule.ID
                    + "\" fires every minute)"));
            out.println("  results:    " + factory.artifacts().root());
            out.println("  try:        factory runs | factory logs --follow | factory schedule list"
                    + "   (with --data-dir " + root + " unless it is the default)");
            out.println("Press Ctrl-C to stop.");
            out.flush();

            statusLoop(factory, out, stopAfter, done);
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        } finally {
            if (!isShuttingDown(hook)) {
                stop.run();
            }
        }
        return 0;
    }

    /** The --log-history value as a retention, or a usage error naming the option. */
    public static LogRetention logRetention(int megabytes) {
        try {
            return LogRetention.ofTotalMegabytes(megabytes);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("command line", "--log-history", e.getMessage()
                    + "; e.g. --log-history 500");
        }
    }

    private static boolean isShuttingDown(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Prints the status until stopped: Ctrl-C (the hook), --run-for, or an interrupt of the calling thread. */
    private static void statusLoop(LocalFactory factory, PrintWriter out, Optional<Duration> stopAfter,
                                   CountDownLatch done) {
        try {
            printStatus(factory, out, stopAfter, done);
        } catch (InterruptedException e) {
            // An interrupt is a stop request, handled like Ctrl-C; the flag is not kept so the graceful
            // shutdown that follows can still wait for deliveries in flight.
            LOG.info("Interrupted: stopping");
        }
    }

    private static void printStatus(LocalFactory factory, PrintWriter out, Optional<Duration> stopAfter,
                                    CountDownLatch done) throws InterruptedException {
        boolean terminal = System.console() != null;
        Instant end = stopAfter.map(d -> Instant.now().plus(d)).orElse(Instant.MAX);
        String last = "";
        while (!done.await(1, TimeUnit.SECONDS) && Instant.now().isBefore(end)) {
            String line;
            try {
                line = status(factory);
            } catch (RuntimeException e) {
                line = "status unavailable: " + e.getMessage();
            }
            if (terminal) {
                out.print("\r" + line + "   ");
                out.flush();
            } else if (!line.equals(last)) {
                out.println(line);
                out.flush();
            }
            last = line;
        }
        if (terminal) {
            out.println();
            out.flush();
        }
    }

    static String status(LocalFactory factory) {
        List<Schedule> schedules = factory.schedules().list();
        long enabled = schedules.stream().filter(s -> s.state() == ScheduleState.ENABLED).count();
        QueueCounts c = factory.queue().counts();
        String lastFire = schedules.stream().filter(s -> s.lastFireTime().isPresent())
                .max(Comparator.comparing(s -> s.lastFireTime().get()))
                .map(s -> s.id() + " at " + Times.show(s.lastFireTime().get())).orElse("none yet");
        return "schedules " + schedules.size() + " (" + enabled + " enabled) | queued " + c.queued() + " | leased "
                + c.leased() + " | done " + c.done() + " | dead " + c.dead() + " | last fire " + lastFire;
    }

    static Duration parseDuration(String text) {
        Instant now = Instant.now();
        try {
            return Duration.between(Times.parseSince(text, "--run-for", now), now);
        } catch (InvalidInputException e) {
            throw InvalidInputException.of("command line", "--run-for", "\"" + text
                    + "\" is not a duration such as 90s, 10m or 2h");
        }
    }
}
