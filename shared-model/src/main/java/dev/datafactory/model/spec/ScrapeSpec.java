package dev.datafactory.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Optional;

/**
 * What one scrape does. The JSON field names are the contract shared by the console, the CLI and
 * the worker (see DESIGN.md); read it with {@link ScrapeSpecCodec}, which validates strictly.
 */
@JsonPropertyOrder({"name", "startUrls", "follow", "extract", "screenshots", "blockSignals", "browser", "timeouts",
        "allowHosts"})
public record ScrapeSpec(String name, List<String> startUrls, Optional<Follow> follow, Extract extract,
                         ScreenshotPolicy screenshots, BlockSignals blockSignals, BrowserProfile browser,
                         Timeouts timeouts, List<String> allowHosts) {

    public ScrapeSpec {
        startUrls = List.copyOf(startUrls);
        allowHosts = List.copyOf(allowHosts);
    }

    /** The same spec restricted to one start URL: what the orchestrator gives each job. */
    public ScrapeSpec withStartUrls(List<String> urls) {
        return new ScrapeSpec(name, urls, follow, extract, screenshots, blockSignals, browser, timeouts, allowHosts);
    }

    public ScrapeSpec withName(String newName) {
        return new ScrapeSpec(newName, startUrls, follow, extract, screenshots, blockSignals, browser, timeouts,
                allowHosts);
    }
}
