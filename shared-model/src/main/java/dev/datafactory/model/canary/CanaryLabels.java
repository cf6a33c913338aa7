package dev.datafactory.model.canary;

/**
 * The labels every canary line carries; on GCP they become {@code labels.run} etc. of the log
 * entry. Empty strings where a line is not about a run (e.g. the factory starting).
 */
public record CanaryLabels(String run, String job, String schedule, String env, String build) {

    public static CanaryLabels of(String env, String build) {
        return new CanaryLabels("", "", "", env, build);
    }

    public CanaryLabels forJob(String newRun, String newJob, String newSchedule) {
        return new CanaryLabels(newRun, newJob, newSchedule, env, build);
    }
}
