package dev.datafactory.console.runs;

import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;

import java.util.Locale;
import java.util.Optional;

/**
 * The Runs screen's filters. Schedule and status go to the backend query; environment and text are
 * applied locally ({@code text} searches run id, job id, build and error).
 */
public record RunFilter(String schedule, Optional<RunStatus> status, String environment, String text) {

    public RunFilter {
        schedule = schedule == null ? "" : schedule.trim();
        environment = environment == null ? "" : environment.trim();
        text = text == null ? "" : text.trim();
    }

    public static RunFilter none() {
        return new RunFilter("", Optional.empty(), "", "");
    }

    public boolean matches(RunRecord r) {
        String needle = text.toLowerCase(Locale.ROOT);
        return (schedule.isEmpty() || schedule.equals(r.scheduleId()))
                && status.map(s -> s == r.status()).orElse(true)
                && (environment.isEmpty() || environment.equals(r.environment()))
                && (needle.isEmpty() || contains(r.runId(), needle) || contains(r.jobId(), needle)
                || contains(r.build(), needle) || r.error().map(e -> contains(e, needle)).orElse(false));
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
