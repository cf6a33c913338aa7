package dev.datafactory.model.artifact;

import java.util.Locale;
import java.util.regex.Pattern;

/** The one artifact layout, the same in the data directory and in the bucket. */
public final class ArtifactKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private ArtifactKeys() {
    }

    /** {@code results/{schedule}/{run}/{job}.jsonl}: the extracted items, one JSON object per line. */
    public static String results(String schedule, String run, String job) {
        return "results/" + seg(schedule) + "/" + seg(run) + "/" + seg(job) + ".jsonl";
    }

    /** {@code canary/{schedule}/{run}/{job}/{nn}-{step}.png}: a screenshot at a named step. */
    public static String screenshot(String schedule, String run, String job, int index, String step) {
        return "canary/" + seg(schedule) + "/" + seg(run) + "/" + seg(job) + "/"
                + String.format(Locale.ROOT, "%02d", index) + "-" + stepName(step) + ".png";
    }

    /** Prefix of all screenshots of one job. */
    public static String screenshotPrefix(String schedule, String run, String job) {
        return "canary/" + seg(schedule) + "/" + seg(run) + "/" + seg(job) + "/";
    }

    /** {@code runs/{run}/{job}.json}: the job's {@code RunRecord}. */
    public static String runRecord(String run, String job) {
        return "runs/" + seg(run) + "/" + seg(job) + ".json";
    }

    public static String runRecordPrefix(String run) {
        return "runs/" + seg(run) + "/";
    }

    /**
     * {@code cancel/{run}.json}: an operator's request to cancel a run. Workers look for it before a
     * job starts and between pages; it is the one cancel that works the same on a local queue and on
     * Pub/Sub, which cannot withdraw a published message.
     */
    public static String cancelRequest(String run) {
        return "cancel/" + seg(run) + ".json";
    }

    /** Step names come from code and URLs; squeeze them into a safe file-name part. */
    public static String stepName(String step) {
        String cleaned = step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (cleaned.isEmpty()) {
            cleaned = "step";
        }
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }

    private static String seg(String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a safe key segment: \"" + value + "\"");
        }
        return value;
    }
}
