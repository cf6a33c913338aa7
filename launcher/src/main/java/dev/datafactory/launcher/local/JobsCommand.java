package dev.datafactory.launcher.local;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.queue.QueueCounts;
import dev.datafactory.local.queue.QueuedJob;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.validation.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code factory jobs …}: the local queue: queued, leased (in flight), dead letters, and replay. */
@Command(name = "jobs", description = {"The local job queue: counts, queued and leased jobs, dead letters; replay.",
        "Without a subcommand: counts and the first jobs of each list."},
        subcommands = {JobsCommand.Queued.class, JobsCommand.Leased.class, JobsCommand.Dead.class,
                JobsCommand.Show.class, JobsCommand.Replay.class})
public final class JobsCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;
    @Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--limit", defaultValue = "10", description = "Jobs listed per state.")
    int limit;

    @Override
    public Integer call() {
        try (LocalFactory f = data.open()) {
            PrintWriter out = spec.commandLine().getOut();
            QueueCounts c = f.queue().counts();
            out.println("queued " + c.queued() + ", leased " + c.leased() + ", done " + c.done() + ", dead " + c.dead());
            for (QueuedJob.State state : List.of(QueuedJob.State.QUEUED, QueuedJob.State.LEASED, QueuedJob.State.DEAD)) {
                List<QueuedJob> jobs = f.queue().jobs(state, limit);
                if (!jobs.isEmpty()) {
                    out.println();
                    out.println(state.name().toLowerCase(java.util.Locale.ROOT) + ":");
                    print(out, jobs);
                }
            }
            out.flush();
        }
        return 0;
    }

    static void print(PrintWriter out, List<QueuedJob> jobs) {
        Table t = new Table("JOB", "RUN", "SCHEDULE", "ATTEMPTS", "DUE / LEASED UNTIL", "LAST ERROR");
        for (QueuedJob j : jobs) {
            String when = j.state() == QueuedJob.State.LEASED ? Times.show(j.leaseUntil())
                    : j.state() == QueuedJob.State.QUEUED ? Times.show(j.availableAt()) : "-";
            t.row(j.jobId(), j.runId(), j.scheduleId(), j.attempts() + "/" + j.maxAttempts(), when,
                    j.lastError().map(e -> e.length() > 100 ? e.substring(0, 100) + "…" : e).orElse(""));
        }
        t.print(out);
    }

    abstract static class Listing implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many.")
        int limit;

        abstract QueuedJob.State state();

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                List<QueuedJob> jobs = f.queue().jobs(state(), limit);
                PrintWriter out = spec.commandLine().getOut();
                if (jobs.isEmpty()) {
                    out.println("No " + state().name().toLowerCase(java.util.Locale.ROOT) + " jobs.");
                    out.flush();
                } else {
                    print(out, jobs);
                }
            }
            return 0;
        }
    }

    @Command(name = "queued", description = "Jobs waiting for delivery (including those backing off after a failure).")
    static final class Queued extends Listing {
        @Override
        QueuedJob.State state() {
            return QueuedJob.State.QUEUED;
        }
    }

    @Command(name = "leased", description = "Jobs pushed to the worker and not answered yet.")
    static final class Leased extends Listing {
        @Override
        QueuedJob.State state() {
            return QueuedJob.State.LEASED;
        }
    }

    @Command(name = "dead", aliases = "dead-letters", description = "Jobs that failed every delivery; replay them.")
    static final class Dead extends Listing {
        @Override
        QueuedJob.State state() {
            return QueuedJob.State.DEAD;
        }
    }

    @Command(name = "show", description = "Print a queued or dead job's request as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                var job = f.queue().request(jobId).orElseThrow(() -> new BackendException(
                        BackendException.Kind.NOT_FOUND, "no job \"" + jobId + "\" in the queue; see: factory jobs"));
                spec.commandLine().getOut().println(new String(JobRequestCodec.toBytes(job),
                        java.nio.charset.StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Move dead letters back into the queue with a fresh attempt budget.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "JOB_ID", arity = "0..*")
        List<String> jobIds;
        @Option(names = "--all", description = "Replay every dead letter.")
        boolean all;

        @Override
        public Integer call() {
            if (all == (jobIds != null && !jobIds.isEmpty())) {
                throw InvalidInputException.of("command line", "JOB_ID",
                        "name the dead jobs to replay, or give --all (not both); list them with: factory jobs dead");
            }
            try (LocalFactory f = data.open()) {
                PrintWriter out = spec.commandLine().getOut();
                if (all) {
                    out.println("Replayed " + f.queue().replayAll() + " dead letter(s)");
                    out.flush();
                    return 0;
                }
                int missing = 0;
                for (String id : jobIds) {
                    if (f.queue().replay(id)) {
                        out.println("Replayed " + id);
                    } else {
                        missing++;
                        spec.commandLine().getErr().println("not a dead letter: " + id + " (see: factory jobs dead)");
                    }
                }
                out.flush();
                spec.commandLine().getErr().flush();
                return missing == 0 ? 0 : 1;
            }
        }
    }
}
