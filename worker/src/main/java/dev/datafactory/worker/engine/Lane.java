package dev.datafactory.worker.engine;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.datafactory.model.spec.BrowserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser thread. Playwright for Java is not thread-safe, so each lane owns its own
 * {@link Playwright} (its own driver process) and never shares its objects; all lanes drive the
 * process's single Chromium over CDP. A lane opens one {@link BrowserContext} per job it works on
 * and closes it when the job is finished; inside it one tab is navigated from page to page.
 */
final class Lane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    /** Put on the queue once per lane to stop it. */
    static final PageTask STOP = new PageTask(null, "", 0, -1);

    private final int index;
    private final BlockingQueue<PageTask> queue;
    private final PageVisitor visitor;
    private final Map<String, String> driverEnv;
    private final Consumer<String> browserVersionSink;
    private final Runnable onReady;
    private final Map<JobRun, Session> sessions = new HashMap<>();
    private Playwright playwright;
    private Browser browser;
    private long generation = -1;

    Lane(int index, BlockingQueue<PageTask> queue, PageVisitor visitor, Map<String, String> driverEnv,
         Consumer<String> browserVersionSink, Runnable onReady) {
        this.index = index;
        this.queue = queue;
        this.visitor = visitor;
        this.driverEnv = Map.copyOf(driverEnv);
        this.browserVersionSink = browserVersionSink;
        this.onReady = onReady;
    }

    @Override
    public void run() {
        try {
            // Start the driver now: a cold worker should pay this before it reports ready, not on its first job.
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv));
        } catch (PlaywrightException e) {
            LOG.error("Browser thread {} cannot start the Playwright driver: {}", index, e.getMessage());
        } finally {
            onReady.run();
        }
        try {
            while (true) {
                PageTask task = queue.poll(250, TimeUnit.MILLISECONDS);
                if (task == STOP) {
                    break;
                }
                if (task != null) {
                    execute(task);
                }
                closeFinishedContexts();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
        }
    }

    private void execute(PageTask task) {
        JobRun job = task.job();
        PageResult result;
        if (job.isStopped()) {
            result = PageResult.of(PageResult.Kind.SKIPPED, task.url(), null);
        } else {
            try {
                connect(job.lease());
                Session session = sessions.computeIfAbsent(job, j -> new Session(newContext(j.spec().browser())));
                result = visitor.visit(browser, session.page(), task);
                if (result.kind() != PageResult.Kind.OK && result.kind() != PageResult.Kind.BLOCKED) {
                    // After a timeout or an error the tab's state is unknown: the next page gets a new one.
                    session.discardPage();
                }
            } catch (PlaywrightException | BrowserUnavailableException e) {
                // Connecting or opening a context failed: with a dead browser that is a crash, else a hard error.
                boolean died = job.lease().browserDied() || browser == null || !browser.isConnected();
                result = PageResult.of(died ? PageResult.Kind.CRASHED : PageResult.Kind.FAILED, task.url(),
                        "browser thread " + index + " could not open a page: " + e.getMessage().lines().findFirst()
                                .orElse(""));
                if (died) {
                    dropBrowser();
                }
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure on {} (job {})", task.url(), job.request().jobId(), e);
                result = PageResult.of(PageResult.Kind.FAILED, task.url(), "internal error: " + e);
            }
        }
        job.onPageDone(task, result);
    }

    /** Connects to the browser of the job's lease, reconnecting after a relaunch. */
    private void connect(BrowserHost.Lease lease) {
        if (playwright == null) {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv));
        }
        if (browser != null && generation == lease.generation() && browser.isConnected()) {
            return;
        }
        dropBrowser();
        browser = playwright.chromium().connectOverCDP(lease.browser().wsEndpoint());
        generation = lease.generation();
        browserVersionSink.accept(browser.version());
    }

    private BrowserContext newContext(BrowserProfile profile) {
        Browser.NewContextOptions options = new Browser.NewContextOptions()
                .setLocale(profile.locale())
                .setTimezoneId(profile.timezoneId())
                .setViewportSize(profile.viewport().width(), profile.viewport().height())
                .setExtraHTTPHeaders(profile.headers());
        profile.userAgent().ifPresent(options::setUserAgent);
        return browser.newContext(options);
    }

    private void closeFinishedContexts() {
        for (Iterator<Map.Entry<JobRun, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<JobRun, Session> entry = it.next();
            if (entry.getKey().isFinished()) {
                it.remove();
                closeQuietly(entry.getValue().context());
            }
        }
    }

    /** A job's context on this lane and the one tab it navigates from page to page. */
    private static final class Session {
        private final BrowserContext context;
        private Page page;

        Session(BrowserContext context) {
            this.context = context;
        }

        BrowserContext context() {
            return context;
        }

        Page page() {
            if (page == null || page.isClosed()) {
                page = context.newPage();
            }
            return page;
        }

        void discardPage() {
            if (page != null) {
                try {
                    page.close();
                } catch (PlaywrightException e) {
                    // Gone with its context or browser.
                }
                page = null;
            }
        }
    }

    private void dropBrowser() {
        sessions.values().forEach(s -> closeQuietly(s.context()));
        sessions.clear();
        if (browser != null) {
            try {
                // Over CDP this disconnects; the shared Chromium itself belongs to the BrowserHost.
                browser.close();
            } catch (PlaywrightException e) {
                // Already disconnected.
            }
            browser = null;
        }
    }

    private void shutdown() {
        dropBrowser();
        if (playwright != null) {
            try {
                playwright.close();
            } catch (PlaywrightException e) {
                LOG.debug("Playwright driver of browser thread {} did not close cleanly: {}", index, e.getMessage());
            }
            playwright = null;
        }
    }

    private static void closeQuietly(BrowserContext context) {
        try {
            context.close();
        } catch (PlaywrightException e) {
            // The context went with its browser.
        }
    }
}
