package dev.datafactory.model.ports;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** A filter over canary logs; every backend applies exactly these semantics. */
public record LogQuery(Optional<String> run, Optional<String> job, Optional<String> schedule, Optional<String> env,
                       Severity minSeverity, Optional<Instant> since, Optional<Instant> until,
                       Optional<String> text, int limit) {

    public static final int DEFAULT_LIMIT = 1000;

    public static LogQuery all() {
        return new LogQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Severity.DEFAULT,
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }

    public LogQuery withRun(String value) {
        return new LogQuery(Optional.ofNullable(value), job, schedule, env, minSeverity, since, until, text, limit);
    }

    public LogQuery withJob(String value) {
        return new LogQuery(run, Optional.ofNullable(value), schedule, env, minSeverity, since, until, text, limit);
    }

    public LogQuery withSchedule(String value) {
        return new LogQuery(run, job, Optional.ofNullable(value), env, minSeverity, since, until, text, limit);
    }

    public LogQuery withEnv(String value) {
        return new LogQuery(run, job, schedule, Optional.ofNullable(value), minSeverity, since, until, text, limit);
    }

    public LogQuery withMinSeverity(Severity value) {
        return new LogQuery(run, job, schedule, env, value, since, until, text, limit);
    }

    public LogQuery withSince(Instant value) {
        return new LogQuery(run, job, schedule, env, minSeverity, Optional.ofNullable(value), until, text, limit);
    }

    public LogQuery withUntil(Instant value) {
        return new LogQuery(run, job, schedule, env, minSeverity, since, Optional.ofNullable(value), text, limit);
    }

    public LogQuery withText(String value) {
        return new LogQuery(run, job, schedule, env, minSeverity, since, until,
                Optional.ofNullable(value).filter(s -> !s.isBlank()), limit);
    }

    public LogQuery withLimit(int value) {
        return new LogQuery(run, job, schedule, env, minSeverity, since, until, text, value);
    }

    /** The reference semantics: label equality, severity at least, since inclusive, until exclusive, text in message. */
    public boolean matches(CanaryEvent e) {
        return run.map(v -> v.equals(e.labels().run())).orElse(true)
                && job.map(v -> v.equals(e.labels().job())).orElse(true)
                && schedule.map(v -> v.equals(e.labels().schedule())).orElse(true)
                && env.map(v -> v.equals(e.labels().env())).orElse(true)
                && e.severity().atLeast(minSeverity)
                && since.map(s -> !e.time().isBefore(s)).orElse(true)
                && until.map(u -> e.time().isBefore(u)).orElse(true)
                && text.map(t -> e.message().toLowerCase(Locale.ROOT).contains(t.toLowerCase(Locale.ROOT)))
                .orElse(true);
    }
}
