package dev.datafactory.console.common;

import dev.datafactory.model.spec.ScrapeSpec;

import java.util.Optional;

/** The events screens exchange over the {@link EventBus}. */
public final class ConsoleEvents {

    private ConsoleEvents() {
    }

    /** Switch the main window to a screen. */
    public record ShowScreen(ScreenId screen) {
    }

    /** One job of one run, or a whole run when {@code jobId} is empty. */
    public record RunRef(String runId, Optional<String> jobId) {
        public static RunRef of(String runId) {
            return new RunRef(runId, Optional.empty());
        }
    }

    /** Show this run in the Runs screen (the shell also switches to it). */
    public record OpenRun(RunRef run) {
    }

    /** Open two runs side by side in Compare (the shell also switches to it). */
    public record CompareRuns(RunRef left, RunRef right) {
    }

    /** Load this spec into Test scrape, e.g. a schedule's template (the shell also switches to it). */
    public record OpenInTestScrape(ScrapeSpec spec, Optional<String> scheduleId) {
    }

    /** Show the logs of a schedule, run or job (the shell also switches to Logs). */
    public record ShowLogs(Optional<String> scheduleId, Optional<String> runId, Optional<String> jobId) {
    }

    /** A schedule was created, changed or deleted here; lists showing it may refresh. */
    public record SchedulesChanged() {
    }
}
