package dev.datafactory.console.testscrape;

/** Where a test scrape is in its life; FINISHED means every job left a run record. */
public enum TestScrapeState {
    IDLE, PUBLISHING, RUNNING, FINISHED, CANCELLED, FAILED;

    public boolean isActive() {
        return this == PUBLISHING || this == RUNNING;
    }
}
