package dev.datafactory.launcher.local;

import dev.datafactory.console.schedules.CronText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.validation.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code factory schedule …}: the local factory's schedules, validated exactly as the console and the cloud do. */
@Command(name = "schedule", description = "List, show, add, edit, pause, resume, run or remove schedules.",
        subcommands = {ScheduleCommand.ListCmd.class, ScheduleCommand.Show.class, ScheduleCommand.Add.class,
                ScheduleCommand.Edit.class, ScheduleCommand.Pause.class, ScheduleCommand.Resume.class,
                ScheduleCommand.Run.class, ScheduleCommand.Remove.class})
public final class ScheduleCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static String summary(Schedule s) {
        return s.id() + " (" + s.state().name().toLowerCase(java.util.Locale.ROOT) + "): "
                + CronText.describe(s.cronSchedule()) + ", " + s.timeZone() + "; next fire "
                + Times.show(s.nextFireTime());
    }

    @Command(name = "list", description = "List schedules with their next and last fire times.")
    static final class ListCmd implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                Table t = new Table("ID", "STATE", "CRON", "TIME ZONE", "NEXT FIRE", "LAST FIRE", "NAME");
                for (Schedule s : f.schedules().list()) {
                    t.row(s.id(), s.state(), s.cron(), s.timeZone(), Times.show(s.nextFireTime()),
                            Times.show(s.lastFireTime()), s.name());
                }
                PrintWriter out = spec.commandLine().getOut();
                if (t.isEmpty()) {
                    out.println("No schedules in " + f.directory().root() + ". Add one with: factory schedule add");
                    out.flush();
                } else {
                    t.print(out);
                }
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show one schedule: timing, next fire times, and its JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;
        @Option(names = "--json", description = "Print only the schedule's JSON (for scripts).")
        boolean json;
        @Option(names = "--next", paramLabel = "N", defaultValue = "5", description = "How many next fire times to list.")
        int next;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                Schedule s = f.schedules().get(id).orElseThrow(() -> notFound(id));
                PrintWriter out = spec.commandLine().getOut();
                if (!json) {
                    out.println(summary(s));
                    out.println("last fire " + Times.show(s.lastFireTime()));
                    for (FireTime t : s.cronSchedule().nextFireTimes(Instant.now(), s.zone(), next)) {
                        out.println("  " + Times.show(t.instant()) + "  (" + t.slot() + " " + s.timeZone()
                                + (t.dstEffect() == FireTime.DstEffect.NONE ? "" : ", " + t.dstEffect()) + ")");
                    }
                }
                out.println(ScheduleCodec.toJson(s));
                out.flush();
            }
            return 0;
        }
    }

    /** What add and edit share: a schedule file and/or field options, read through the strict schedule reader. */
    abstract static class Writing {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--file", paramLabel = "SCHEDULE.json", description = "A whole schedule as JSON.")
        Path file;
        @Option(names = "--name", description = "Display name.")
        String name;
        @Option(names = "--cron", description = "UNIX cron, 5 fields, e.g. \"0 9 * * 1-5\".")
        String cron;
        @Option(names = {"--time-zone", "--tz"}, description = "IANA time zone the cron runs in, e.g. Europe/Berlin.")
        String timeZone;
        @Option(names = "--spec", paramLabel = "SPEC.json", description = "The scrape spec each firing runs.")
        Path specFile;
        @Option(names = "--max-attempts", description = "Deliveries of a job before it is dead-lettered.")
        Integer maxAttempts;

        ObjectNode readFile(Path path) {
            JsonNode tree = Json.parseTree(path.toString(), read(path));
            if (!(tree instanceof ObjectNode o)) {
                throw InvalidInputException.of(path.toString(), "", "must be a JSON object (a schedule)");
            }
            return o;
        }

        /** Field options on top of {@code base}; the strict reader then checks everything together. */
        Schedule build(ObjectNode base, String source) {
            if (name != null) {
                base.put("name", name);
            }
            if (cron != null) {
                base.put("cron", cron);
            }
            if (timeZone != null) {
                base.put("timeZone", timeZone);
            }
            if (specFile != null) {
                base.set("template", Json.parseTree(specFile.toString(), read(specFile)));
            }
            if (maxAttempts != null) {
                JsonNode retry = base.get("retry");
                ObjectNode r = retry instanceof ObjectNode o ? o : base.putObject("retry");
                r.put("maxAttempts", maxAttempts);
            }
            base.remove("lastFireTime");
            base.remove("nextFireTime");
            return ScheduleCodec.parse(source, base.toString());
        }

        static String read(Path path) {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw InvalidInputException.of(path.toString(), "", "file not found");
            } catch (IOException e) {
                throw InvalidInputException.of(path.toString(), "", "cannot be read: " + e.getMessage());
            }
        }
    }

    @Command(name = "add", description = {"Add a schedule, from --file or from options.",
            "Example: factory schedule add nightly --cron \"30 2 * * *\" --tz Europe/Berlin --spec products.json"})
    static final class Add extends Writing implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "Schedule id (lower case, digits, - and _).")
        String id;
        @Option(names = "--paused", description = "Create it paused.")
        boolean paused;

        @Override
        public Integer call() {
            ObjectNode base = file != null ? readFile(file) : Json.mapper().createObjectNode();
            if (id != null) {
                base.put("id", id);
            }
            if (paused) {
                base.put("state", "PAUSED");
            }
            String source = file != null ? file.toString() : "schedule " + (id == null ? "" : "\"" + id + "\"");
            Schedule schedule = build(base, source.strip());
            try (LocalFactory f = data.open()) {
                Schedule created = f.schedules().create(schedule);
                spec.commandLine().getOut().println("Created " + summary(created));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "edit", description = {"Change a schedule; options replace single fields, --file the whole schedule.",
            "Takes effect at the next tick of a running factory, no restart needed."})
    static final class Edit extends Writing implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                Schedule current = f.schedules().get(id).orElseThrow(() -> notFound(id));
                ObjectNode base = file != null ? readFile(file)
                        : (ObjectNode) Json.parseTree("schedule " + id, ScheduleCodec.toJson(current));
                base.put("id", id);
                Schedule changed = build(base, file != null ? file.toString() : "schedule \"" + id + "\"");
                Schedule updated = f.schedules().update(changed);
                spec.commandLine().getOut().println("Updated " + summary(updated));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    /** Runs {@code action} on the data directory's factory and prints the line it returns. */
    private static int printing(DataDirOption data, CommandLine.Model.CommandSpec spec,
                                java.util.function.Function<LocalFactory, String> action) {
        try (LocalFactory f = data.open()) {
            spec.commandLine().getOut().println(action.apply(f));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    @Command(name = "pause", description = "Stop a schedule from firing until resumed.")
    static final class Pause implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return printing(data, spec, f -> "Paused " + summary(f.schedules().pause(id)));
        }
    }

    @Command(name = "resume", description = "Let a paused schedule fire again (slots missed while paused are skipped).")
    static final class Resume implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            return printing(data, spec, f -> "Resumed " + summary(f.schedules().resume(id)));
        }
    }

    @Command(name = "run", description = "Fire a schedule now, out of turn (paused or not); prints the run id.")
    static final class Run implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                String runId = f.schedules().runNow(id);
                spec.commandLine().getOut().println(runId);
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().println(deliveryNote(f, runId));
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    /** Whether a factory (up or the console) holds this data directory's engine, i.e. will deliver the jobs. */
    static String deliveryNote(LocalFactory f, String runId) {
        Path lockFile = f.directory().engineLock();
        // Probing takes the lock for an instant; a factory starting in that instant would have to be restarted.
        Optional<EngineLock> probe = EngineLock.tryAcquire(lockFile);
        probe.ifPresent(EngineLock::close);
        if (probe.isPresent()) {
            return "Queued, but no factory runs on " + f.directory().root() + ": nothing delivers it until you start "
                    + "one (factory up --data-dir " + f.directory().root() + ", or the console).";
        }
        return "Queued; the running factory (" + EngineLock.holder(lockFile) + ") of " + f.directory().root()
                + " delivers it (follow it with: factory runs --run " + runId + ")";
    }

    @Command(name = "rm", aliases = "delete", description = "Remove a schedule (jobs already queued still run).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption data;
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            try (LocalFactory f = data.open()) {
                f.schedules().delete(id);
                spec.commandLine().getOut().println("Removed schedule " + id);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    static BackendException notFound(String id) {
        return new BackendException(BackendException.Kind.NOT_FOUND,
                "no schedule \"" + id + "\"; list them with `factory schedule list`");
    }
}
