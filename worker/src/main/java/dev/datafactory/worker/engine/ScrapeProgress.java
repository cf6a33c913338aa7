package dev.datafactory.worker.engine;

import java.time.Duration;

/**
 * Where a job stands, reported after every page: what {@code factory scrape} and the console show
 * live. {@code queued} counts pages found but not finished (waiting or being loaded).
 */
public record ScrapeProgress(String jobId, int pagesDone, int queued, int blocked, int failed, int items,
                             Duration elapsed) {

    /** Pages per minute so far; zero until a page is done. */
    public double pagesPerMinute() {
        double minutes = elapsed.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : pagesDone / minutes;
    }
}
