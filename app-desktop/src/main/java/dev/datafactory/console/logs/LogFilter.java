package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.LogQuery;

/**
 * What the operator typed into the filter bar. Blank fields mean "any"; matching uses the same
 * semantics every backend applies ({@link LogQuery#matches}), so what the view keeps locally is
 * exactly what a reload from the backend would return.
 */
public record LogFilter(Severity minSeverity, String schedule, String run, String job, String env, String text) {

    public LogFilter {
        minSeverity = minSeverity == null ? Severity.DEFAULT : minSeverity;
        schedule = trim(schedule);
        run = trim(run);
        job = trim(job);
        env = trim(env);
        text = trim(text);
    }

    public static LogFilter none() {
        return new LogFilter(Severity.DEFAULT, "", "", "", "", "");
    }

    public LogQuery toQuery(int limit) {
        return LogQuery.all()
                .withMinSeverity(minSeverity)
                .withSchedule(blankToNull(schedule))
                .withRun(blankToNull(run))
                .withJob(blankToNull(job))
                .withEnv(blankToNull(env))
                .withText(blankToNull(text))
                .withLimit(limit);
    }

    public boolean matches(CanaryEvent event) {
        return toQuery(LogQuery.DEFAULT_LIMIT).matches(event);
    }

    public boolean isEmpty() {
        return equals(none());
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
