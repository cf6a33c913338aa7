package dev.datafactory.worker.engine;

import com.microsoft.playwright.Playwright;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Owns the process's one Chromium: launches it on first use, relaunches it after it crashed or
 * after {@code recycleAfterJobs} jobs. Jobs hold a {@link Lease} while they run; a relaunch waits
 * until no job holds the old browser, so a job never sees its browser swapped underneath it.
 */
final class BrowserHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserHost.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** A job's hold on one browser generation. */
    record Lease(long generation, ChromiumProcess browser) {
        boolean browserDied() {
            return browser.hasDied(Duration.ofMillis(300));
        }
    }

    private final BrowserSettings settings;
    private Path executable;
    private ChromiumProcess current;
    private long generation;
    private int jobsInGeneration;
    private int activeLeases;
    private boolean closed;

    BrowserHost(BrowserSettings settings) {
        this.settings = settings;
    }

    /** Starts the browser now (the service does so before it reports ready). */
    synchronized void warmUp() {
        if (current == null || !current.isAlive()) {
            relaunch();
        }
    }

    synchronized Lease acquire() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new BrowserUnavailableException("the scrape engine is shutting down");
            }
            boolean usable = current != null && current.isAlive()
                    && jobsInGeneration < settings.recycleAfterJobs();
            if (usable) {
                activeLeases++;
                jobsInGeneration++;
                return new Lease(generation, current);
            }
            if (activeLeases == 0) {
                relaunch();
            } else {
                wait();
            }
        }
    }

    synchronized void release(Lease lease) {
        activeLeases--;
        notifyAll();
    }

    synchronized long generation() {
        return generation;
    }

    /** The running browser's version, e.g. {@code 156.0.8078.108}; empty before the first start. */
    synchronized String browserVersion() {
        return current == null ? "" : current.version();
    }

    synchronized Path executable() {
        return resolveExecutable();
    }

    private void relaunch() {
        if (current != null) {
            boolean crashed = !current.isAlive();
            current.close();
            LOG.info(crashed ? "Chromium (generation {}) is gone; relaunching" : "Recycling Chromium after {} jobs",
                    crashed ? generation : jobsInGeneration);
        }
        current = ChromiumProcess.launch(resolveExecutable(), settings.extraArgs(), START_TIMEOUT);
        generation++;
        jobsInGeneration = 0;
        LOG.debug("Chromium generation {} listening at {}", generation, current.wsEndpoint());
    }

    private Path resolveExecutable() {
        if (executable == null) {
            executable = settings.executable().orElseGet(BrowserHost::downloadedChromium);
        }
        return executable;
    }

    /** No system Chromium: Playwright's default, which downloads its own build on first use. */
    private static Path downloadedChromium() {
        try (Playwright playwright = Playwright.create()) {
            return Path.of(playwright.chromium().executablePath());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
        notifyAll();
    }
}
