package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.validation.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code factory runs}: run history with status, verdict, items, duration and the build that produced it. */
@Command(name = "runs", description = {"Run history, newest first: status, block verdict, items, duration, build.",
        "With --run: the jobs of that run."}, subcommands = RunsCommand.Cancel.class)
public final class RunsCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--schedule", description = "Only runs of this schedule.")
    String schedule;
    @Option(names = "--status",
            description = "Only runs with a job in this status: SUCCEEDED, BLOCKED, FAILED, TIMED_OUT, CANCELLED.")
    String status;
    @Option(names = "--run", description = "List the jobs of this run.")
    String run;
    @Option(names = "--limit", defaultValue = "20", description = "At most this many runs.")
    int limit;

    @Override
    public Integer call() {
        RunQuery query = RunQuery.recent(Math.max(1, limit) * 50).withSchedule(schedule);
        if (status != null) {
            query = query.withStatus(parseStatus(status));
        }
        try (LocalFactory f = data.open()) {
            PrintWriter out = spec.commandLine().getOut();
            if (run != null) {
                Table t = new Table("JOB", "STATUS", "VERDICT", "ITEMS", "PAGES", "ATTEMPT", "DURATION", "BUILD",
                        "ERROR");
                for (RunRecord r : f.runs().jobsOf(run)) {
                    t.row(r.jobId(), r.status(), r.verdict().summary(), r.items(), r.pages(), r.attempt(),
                            Times.duration(r.duration()), r.build(), r.error().orElse(""));
                }
                if (t.isEmpty()) {
                    out.println("No job records for run " + run + " yet (queued jobs: factory jobs).");
                    out.flush();
                } else {
                    t.print(out);
                }
                return 0;
            }
            Map<String, List<RunRecord>> byRun = new LinkedHashMap<>();
            for (RunRecord r : f.runs().list(query)) {
                if (byRun.size() >= limit && !byRun.containsKey(r.runId())) {
                    continue;
                }
                byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r);
            }
            Table t = new Table("RUN", "SCHEDULE", "STARTED", "STATUS", "VERDICT", "JOBS", "ITEMS", "DURATION", "BUILD");
            byRun.forEach((id, jobs) -> {
                Instant start = jobs.stream().map(RunRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
                Instant end = jobs.stream().map(RunRecord::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
                long blocked = jobs.stream().filter(j -> j.verdict().blocked()).count();
                t.row(id, jobs.get(0).scheduleId(), Times.show(start), worst(jobs),
                        blocked == 0 ? "clear" : "blocked (" + blocked + " job" + (blocked == 1 ? "" : "s") + ")",
                        jobs.size(), jobs.stream().mapToInt(RunRecord::items).sum(),
                        Times.duration(Duration.between(start, end)),
                        jobs.stream().map(RunRecord::build).distinct().collect(Collectors.joining(",")));
            });
            if (t.isEmpty()) {
                out.println("No runs yet in " + f.directory().root() + ". Start the factory with: factory up");
                out.flush();
            } else {
                t.print(out);
            }
        }
        return 0;
    }

    /** A run is as good as its worst job: FAILED/TIMED_OUT over BLOCKED over CANCELLED over SUCCEEDED. */
    static RunStatus worst(List<RunRecord> jobs) {
        List<RunStatus> order = List.of(RunStatus.FAILED, RunStatus.TIMED_OUT, RunStatus.BLOCKED, RunStatus.CANCELLED,
                RunStatus.SUCCEEDED);
        return jobs.stream().map(RunRecord::status).min(Comparator.comparingInt(order::indexOf))
                .orElse(RunStatus.SUCCEEDED);
    }

    private static RunStatus parseStatus(String text) {
        try {
            return RunStatus.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("command line", "--status", "must be one of "
                    + Arrays.toString(RunStatus.values()) + "; was \"" + text + "\"");
        }
    }

    /**
     * {@code factory runs cancel RUN}: the same cancel request the console writes. Workers record a
     * queued job of the run CANCELLED when they pick it up, and stop a running one between pages.
     */
    @Command(name = "cancel", description = {"Cancel a run: queued jobs end CANCELLED when a worker picks them up,",
            "running ones stop after their current page and keep the items found so far."})
    static final class Cancel implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @picocli.CommandLine.Parameters(paramLabel = "RUN_ID")
        String runId;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                List<RunRecord> recorded = f.runs().jobsOf(runId);
                long pending = java.util.stream.Stream.of(dev.datafactory.local.queue.QueuedJob.State.QUEUED,
                                dev.datafactory.local.queue.QueuedJob.State.LEASED)
                        .flatMap(state -> f.queue().jobs(state, 100_000).stream())
                        .filter(j -> j.runId().equals(runId)).count();
                if (recorded.isEmpty() && pending == 0) {
                    throw new dev.datafactory.model.ports.BackendException(
                            dev.datafactory.model.ports.BackendException.Kind.NOT_FOUND, "no run \"" + runId
                            + "\" in the queue or the run history of " + f.directory().root() + "; see: factory runs");
                }
                PrintWriter out = spec.commandLine().getOut();
                if (pending == 0) {
                    out.println("Run " + runId + " has no queued or running job: all " + recorded.size()
                            + " job(s) are recorded; nothing to cancel.");
                    out.flush();
                    return 0;
                }
                boolean created = new dev.datafactory.model.run.RunCancellation(f.artifacts(),
                        java.time.Clock.systemUTC()).request(runId, "factory runs cancel");
                out.println((created ? "Cancel requested" : "Cancel was already requested") + " for run " + runId + ": "
                        + pending + " job(s) queued or running will be recorded CANCELLED; follow with:"
                        + " factory runs --run " + runId);
                out.flush();
                return 0;
            }
        }
    }
}
