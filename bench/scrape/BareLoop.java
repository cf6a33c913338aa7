import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline: a bare Playwright loop on the same shop, with none of the factory's canary work (no
 * block checks, no fingerprint, no artifacts, no logs). Each thread has its own Playwright, browser
 * and one tab (Playwright for Java is not thread-safe). Prints pages/min.
 * Run: java -cp 'launcher/target/lib/*' BareLoop.java BASE_URL PAGES THREADS FULLPAGE_SCREENSHOTS(true|false)
 * With BARE_CDP=ws://... every thread connects to that one running Chromium instead of launching its own.
 */
public final class BareLoop {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int pages = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean shots = Boolean.parseBoolean(args[3]);
        String chromium = System.getenv().getOrDefault("DATAFACTORY_CHROMIUM", "/usr/bin/chromium");
        // BARE_CDP=ws://...: connect to an already running Chromium over CDP (as the engine does) instead of launching.
        String cdp = System.getenv("BARE_CDP");
        ConcurrentLinkedQueue<String> urls = new ConcurrentLinkedQueue<>();
        for (int i = 1; i <= pages; i++) {
            urls.add(base + "product/" + i);
        }
        AtomicInteger done = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long[] start = new long[1];
        Object ready = new Object();
        AtomicInteger readyCount = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
                        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
                     Browser browser = cdp != null ? pw.chromium().connectOverCDP(cdp)
                             : pw.chromium().launch(new BrowserType.LaunchOptions()
                             .setExecutablePath(java.nio.file.Path.of(chromium))
                             .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")))) {
                    BrowserContext context = browser.newContext();
                    Page page = context.newPage();
                    synchronized (ready) {
                        readyCount.incrementAndGet();
                        ready.notifyAll();
                        while (readyCount.get() < threads) {
                            ready.wait();
                        }
                    }
                    String url;
                    while ((url = urls.poll()) != null) {
                        page.navigate(url);
                        page.waitForSelector("#reviews .review");
                        page.evaluate("() => [document.querySelector('h1').textContent,"
                                + " document.querySelector('.price').textContent,"
                                + " Array.from(document.querySelectorAll('#reviews .review')).map(e => e.textContent)]");
                        if (shots) {
                            page.screenshot(new Page.ScreenshotOptions().setFullPage(true));
                        }
                        done.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.add(worker);
            worker.start();
        }
        synchronized (ready) {
            while (readyCount.get() < threads) {
                ready.wait();
            }
            start[0] = System.nanoTime();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start[0]) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "bare loop: %d pages in %.1f s = %.0f pages/min (threads=%d, screenshots=%s)%n",
                done.get(), seconds, done.get() * 60 / seconds, threads, shots);
    }
}
