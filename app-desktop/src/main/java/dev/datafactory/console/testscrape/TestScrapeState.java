package dev.datafactory.console.testscrape;

/**
 * Where a test scrape is in its life; FINISHED means every job left a run record. CANCELLING: a
 * cancel request is written and the run is followed until the workers have recorded their jobs.
 */
public enum TestScrapeState {
    IDLE("Ready"), PUBLISHING("Publishing the job…"), RUNNING("Running…"), CANCELLING("Cancelling…"),
    FINISHED("Finished"), CANCELLED("Cancelled"), FAILED("Failed");

    private final String label;

    TestScrapeState(String label) {
        this.label = label;
    }

    /** What the operator reads next to the progress bar (the constant names read like a log dump). */
    public String label() {
        return label;
    }

    public boolean isActive() {
        return this == PUBLISHING || this == RUNNING || this == CANCELLING;
    }

    /** A run is being followed: its lines, screenshots and records are polled. */
    public boolean isFollowing() {
        return this == RUNNING || this == CANCELLING;
    }
}
