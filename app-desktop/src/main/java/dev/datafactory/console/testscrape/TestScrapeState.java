package dev.datafactory.console.testscrape;

/** Where a test scrape is in its life; FINISHED means every job left a run record. */
public enum TestScrapeState {
    IDLE("Ready"), PUBLISHING("Publishing the job…"), RUNNING("Running…"), FINISHED("Finished"),
    CANCELLED("Cancelled"), FAILED("Failed");

    private final String label;

    TestScrapeState(String label) {
        this.label = label;
    }

    /** What the operator reads next to the progress bar (the constant names read like a log dump). */
    public String label() {
        return label;
    }

    public boolean isActive() {
        return this == PUBLISHING || this == RUNNING;
    }
}
