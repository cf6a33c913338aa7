package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import dev.datafactory.model.validation.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code factory logs}: the canary log of the local factory, filtered, optionally followed live. */
@Command(name = "logs", description = {"Canary logs of the local factory and its worker, oldest first.",
        "Example: factory logs --follow --severity WARNING"})
public final class LogsCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    @Mixin
    DataDirOption data;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are written, until Ctrl-C.")
    boolean follow;
    @Option(names = "--run", description = "Only this run.")
    String run;
    @Option(names = "--job", description = "Only this job.")
    String job;
    @Option(names = "--schedule", description = "Only this schedule.")
    String schedule;
    @Option(names = "--env", description = "Only this environment (local, cloud-run, ...).")
    String env;
    @Option(names = "--severity", description = "At least this severity: DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ...")
    String severity;
    @Option(names = "--since", description = "From this time: ISO-8601 (2026-05-04T10:00:00Z) or an age (15m, 2h, 1d).")
    String since;
    @Option(names = "--text", description = "Only lines whose message contains this (case-insensitive).")
    String text;
    @Option(names = "--limit", defaultValue = "200", description = "Print at most the newest N matching lines.")
    int limit;
    @Option(names = "--json", description = "Print the JSON lines as stored.")
    boolean json;

    @Override
    public Integer call() {
        LogQuery query = LogQuery.all().withRun(run).withJob(job).withSchedule(schedule).withEnv(env).withText(text)
                .withLimit(Math.max(1, limit));
        if (severity != null) {
            query = query.withMinSeverity(parseSeverity(severity));
        }
        if (since != null) {
            query = query.withSince(Times.parseSince(since, "--since", Instant.now()));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LocalFactory f = data.open()) {
            for (CanaryEvent e : f.logs().query(query)) {
                out.println(format(e));
            }
            out.flush();
            if (!follow) {
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            LogTail tail = f.logs().tail(query, e -> {
                synchronized (out) {
                    out.println(format(e));
                    out.flush();
                }
            }, e -> {
                spec.commandLine().getErr().println("error: the log stream broke: " + e.getMessage());
                spec.commandLine().getErr().flush();
                stopped.countDown();
            });
            Thread hook = new Thread(() -> {
                tail.close();
                stopped.countDown();
            }, "logs-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // An interrupt of the calling thread stops following, like Ctrl-C.
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            tail.close();
        }
        return 0;
    }

    private String format(CanaryEvent e) {
        if (json) {
            return CanaryEventCodec.toLine(e);
        }
        String where = e.labels().job().isEmpty() ? e.labels().run() : e.labels().job();
        String step = e.canary().flatMap(c -> c.step()).map(s -> " {" + s + "}").orElse("");
        String shot = e.canary().flatMap(c -> c.screenshot()).map(s -> " [" + s + "]").orElse("");
        return TIME.format(e.time()) + " " + String.format(Locale.ROOT, "%-8s", e.severity()) + " "
                + (where.isEmpty() ? "" : where + " ") + e.message() + step + shot;
    }

    private static Severity parseSeverity(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!upper.equals("WARN") && Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(upper))) {
            throw InvalidInputException.of("command line", "--severity", "must be one of "
                    + Arrays.toString(Severity.values()) + "; was \"" + value + "\"");
        }
        return Severity.parse(upper);
    }
}
