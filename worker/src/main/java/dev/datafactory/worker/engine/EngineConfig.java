package dev.datafactory.worker.engine;

import dev.datafactory.model.build.BuildInfo;

import java.time.Clock;

/**
 * How the engine runs.
 *
 * @param concurrency pages loaded at once (browser threads); also the service's jobs at once
 * @param environment where this worker runs ({@code local}, {@code cloud-run}): the {@code env}
 *                    label and the fingerprint's host
 */
public record EngineConfig(int concurrency, BrowserSettings browser, String environment, BuildInfo build,
                           Clock clock) {

    public EngineConfig {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + concurrency);
        }
    }

    /**
     * Sized to the machine: one page per core. On a 2-core box, going from 2 to 4 pages at once adds
     * memory but little throughput (Chromium's renderers are CPU-bound); see bench/scrape/RESULTS.md.
     */
    public static int defaultConcurrency() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    public static EngineConfig defaults(String environment) {
        return new EngineConfig(defaultConcurrency(), BrowserSettings.discover(System.getenv()), environment,
                BuildInfo.current(), Clock.systemUTC());
    }

    public EngineConfig withConcurrency(int value) {
        return new EngineConfig(value, browser, environment, build, clock);
    }

    public EngineConfig withBrowser(BrowserSettings value) {
        return new EngineConfig(concurrency, value, environment, build, clock);
    }
}
