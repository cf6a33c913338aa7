package dev.datafactory.model.spec;

public record Timeouts(int navigationMs, int jobMs) {

    public static final int MIN_MS = 1_000;
    public static final int MAX_NAVIGATION_MS = 300_000;
    public static final int MAX_JOB_MS = 3_600_000;

    public static Timeouts defaults() {
        return new Timeouts(30_000, 120_000);
    }
}
