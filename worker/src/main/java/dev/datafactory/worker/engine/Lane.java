package dev.datafactory.worker.engine;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.datafactory.model.spec.BrowserProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser thread. Playwright for Java is not thread-safe, so each lane owns its own
 * {@link Playwright} (its own driver process) and its own headless Chromium, launched over
 * Playwright's pipe; nothing is shared between lanes. A lane opens one {@link BrowserContext} per
 * job it works on (closed when the job is finished) and navigates one tab in it from page to page.
 * Its browser is relaunched after it crashed, and after {@code recycleAfterJobs} jobs once no job
 * is open on it, so a job never sees its browser swapped underneath it.
 */
final class Lane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    /** Put on the queue once per lane to stop it. */
    static final PageTask STOP = new PageTask(null, "", 0, -1);

    /** What a container needs on top of Playwright's own headless defaults. */
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final int index;
    private final BlockingQueue<PageTask> queue;
    private final PageVisitor visitor;
    private final BrowserSettings settings;
    private final Map<String, String> driverEnv;
    private final Consumer<String> browserVersionSink;
    private final Consumer<RuntimeException> onStarted;
    private final Map<JobRun, Session> sessions = new HashMap<>();
    private Playwright playwright;
    private Browser browser;
    private int jobsOnBrowser;

    Lane(int index, BlockingQueue<PageTask> queue, PageVisitor visitor, BrowserSettings settings,
         Map<String, String> driverEnv, Consumer<String> browserVersionSink, Consumer<RuntimeException> onStarted) {
        this.index = index;
        this.queue = queue;
        this.visitor = visitor;
        this.settings = settings;
        this.driverEnv = Map.copyOf(driverEnv);
        this.browserVersionSink = browserVersionSink;
        this.onStarted = onStarted;
    }

    @Override
    public void run() {
        RuntimeException failure = null;
        try {
            // Driver and browser start now: a cold worker pays this before it reports ready, not on its first job.
            ensureBrowser();
        } catch (PlaywrightException | BrowserUnavailableException e) {
            failure = e;
            LOG.error("Browser thread {} cannot start Chromium: {}", index, firstLine(e));
        } finally {
            onStarted.accept(failure);
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
                closeFinishedSessions();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shutdown();
        }
    }

    private void execute(PageTask task) {
        // Sessions of jobs that ended since the last task go first, so that a due recycle sees them gone.
        closeFinishedSessions();
        JobRun job = task.job();
        PageResult result;
        if (job.isStopped()) {
            result = PageResult.of(PageResult.Kind.SKIPPED, task.url(), null);
        } else {
            try {
                Session session = sessions.get(job);
                if (session == null) {
                    ensureBrowser();
                    session = new Session(newContext(job.spec().browser()));
                    sessions.put(job, session);
                    jobsOnBrowser++;
                }
                result = visitor.visit(browser, session.page(), task);
                if (result.kind() != PageResult.Kind.OK && result.kind() != PageResult.Kind.BLOCKED) {
                    // After a timeout or an error the tab's state is unknown: the next page gets a new one.
                    session.discardPage();
                }
            } catch (PlaywrightException | BrowserUnavailableException e) {
                boolean died = browser == null || !browser.isConnected();
                result = PageResult.of(died ? PageResult.Kind.CRASHED : PageResult.Kind.FAILED, task.url(),
                        "browser thread " + index + " could not open a page: " + firstLine(e));
            } catch (ArtifactWriteException e) {
                result = PageResult.of(PageResult.Kind.STORE_FAILED, task.url(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure on {} (job {})", task.url(), job.request().jobId(), e);
                result = PageResult.of(PageResult.Kind.FAILED, task.url(), "internal error: " + e);
            }
            if (result.kind() == PageResult.Kind.CRASHED) {
                // Every job open on this browser lost its context with it.
                dropBrowser();
            }
        }
        job.onPageDone(task, result);
    }

    /** Launches Chromium when there is none, it died, or it is due for recycling and no job is open on it. */
    private void ensureBrowser() {
        if (playwright == null) {
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnv));
        }
        boolean dead = browser != null && !browser.isConnected();
        boolean due = browser != null && jobsOnBrowser >= settings.recycleAfterJobs() && sessions.isEmpty();
        if (browser != null && !dead && !due) {
            return;
        }
        if (browser != null) {
            LOG.info(dead ? "Chromium of browser thread {} is gone; relaunching"
                    : "Recycling Chromium of browser thread {} after {} jobs", index, jobsOnBrowser);
            dropBrowser();
        }
        List<String> args = new ArrayList<>(ARGS);
        args.addAll(settings.extraArgs());
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(args);
        settings.executable().ifPresent(options::setExecutablePath);
        try {
            browser = playwright.chromium().launch(options);
        } catch (PlaywrightException e) {
            throw new BrowserUnavailableException("cannot start Chromium"
                    + settings.executable().map(p -> " at " + p).orElse("") + ": " + firstLine(e)
                    + "; install it (apt-get install chromium) or set " + BrowserSettings.ENV_CHROMIUM, e);
        }
        jobsOnBrowser = 0;
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

    private void closeFinishedSessions() {
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

        /**
         * The job's tab, reused page after page: a new tab per page costs a new renderer process,
         * which halved throughput when measured.
         */
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
                browser.close();
            } catch (PlaywrightException e) {
                // Already gone.
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

    private static String firstLine(RuntimeException e) {
        return ErrorReasons.firstLine(e);
    }
}
