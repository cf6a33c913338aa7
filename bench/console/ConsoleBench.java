import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.compare.FxScreenshots;
import dev.datafactory.console.compare.PixelDiff;
import dev.datafactory.console.compare.PixelDiffer;
import dev.datafactory.console.compare.Raster;
import dev.datafactory.console.logs.LogsView;
import dev.datafactory.console.logs.LogsViewModel;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.local.logs.LocalCanaryLogs;
import dev.datafactory.local.logs.LogRetention;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Console benchmarks (prints numbers, asserts nothing): the pixel diff of two 1280x4000 screenshots,
 * and the Logs screen ingesting 100,000 canary events while the FX thread's longest pause is
 * measured (gap between two animation pulses, and the latency of a runLater ping every 5 ms).
 * Run with bench/console/run.sh.
 */
public final class ConsoleBench {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 4000;
    // -Dbench.events=400000 shows a long session: the 200,000-line ring buffer wraps and old lines become garbage.
    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "cores=%d java=%s glass=%s load average=%.1f%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("glass.platform", "default (Xvfb/GTK)"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        pixelDiff();
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false); // each scenario closes its window; the toolkit must stay up
        Platform.startup(started::countDown);
        started.await();
        Platform.runLater(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        decode();
        logView(false);
        logView(true);
        Platform.exit();
    }

    private static void pixelDiff() {
        Random random = new Random(42);
        int[] a = new int[WIDTH * HEIGHT];
        for (int i = 0; i < a.length; i++) {
            // A page-like image: mostly white with text-like noise in bands.
            a[i] = (i / WIDTH) % 40 < 12 && random.nextInt(4) == 0 ? 0xFF202020 : 0xFFFFFFFF;
        }
        int[] b = a.clone();
        for (int y = 1000; y < 1400; y++) { // a 400-row captcha box in the second screenshot
            Arrays.fill(b, y * WIDTH + 300, y * WIDTH + 980, 0xFFE0E0F0);
        }
        Raster left = new Raster(WIDTH, HEIGHT, a);
        Raster right = new Raster(WIDTH, HEIGHT, b);
        PixelDiffer differ = new PixelDiffer();
        for (int i = 0; i < 5; i++) {
            differ.diff(left, right, 16);
        }
        List<Double> ms = new ArrayList<>();
        PixelDiff last = null;
        for (int i = 0; i < 15; i++) {
            long t0 = System.nanoTime();
            last = differ.diff(left, right, 16);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "pixel diff %dx%d: median %.1f ms, min %.1f ms, max %.1f ms (%.2f %% changed)%n",
                WIDTH, HEIGHT, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), last.percentChanged());
    }

    /** Decoding a full-page PNG into pixels (what Compare does before diffing), for context. */
    private static void decode() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(WIDTH, HEIGHT,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(7);
        for (int y = 0; y < HEIGHT; y += 20) {
            for (int x = 0; x < WIDTH; x += 4) {
                image.setRGB(x, y, random.nextBoolean() ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        FxScreenshots decoder = new FxScreenshots();
        decoder.decode(png.toByteArray());
        long t0 = System.nanoTime();
        int n = 5;
        for (int i = 0; i < n; i++) {
            decoder.decode(png.toByteArray());
        }
        System.out.printf(Locale.ROOT, "PNG decode to ARGB %dx%d (%d KB): %.1f ms each%n", WIDTH, HEIGHT,
                png.size() / 1024, (System.nanoTime() - t0) / 1e6 / n);
    }

    /**
     * 100,000 events into the Logs screen. {@code throughStore=false}: a producer thread hands them to
     * the view model as fast as a tail could; {@code true}: they are written to the real local log
     * store and arrive through its file tail, as in the console.
     */
    private static void logView(boolean throughStore) throws Exception {
        Path dir = Files.createTempDirectory("console-bench");
        LocalCanaryLogs logs = new LocalCanaryLogs(dir.resolve("logs"), LogRetention.defaults(), Clock.systemUTC());
        LogsViewModel model = new LogsViewModel(logs, new FileArtifactStore(dir.resolve("artifacts"), false),
                new SameThreadTaskExecutor(), new EventBus(), LogsViewModel.DEFAULT_CAPACITY,
                LogsViewModel.DEFAULT_BATCH);
        AtomicLong maxPulseGapNs = new AtomicLong();
        AtomicLong maxPingNs = new AtomicLong();
        AtomicLong lastPulse = new AtomicLong();
        // CPU time of the FX thread per pulse: what the view itself costs, apart from waiting for the CPU on
        // a busy machine (or for a GC); on a quiet machine the pause is this plus the paint of the frame.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong maxFrameCpuNs = new AtomicLong();
        AtomicLong lastPulseCpu = new AtomicLong();
        CompletableFuture<LogsView> shown = new CompletableFuture<>();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long previous = lastPulse.getAndSet(now);
                long cpu = threads.getCurrentThreadCpuTime();
                long previousCpu = lastPulseCpu.getAndSet(cpu);
                if (previousCpu != 0) {
                    maxFrameCpuNs.accumulateAndGet(cpu - previousCpu, Math::max);
                }
                long frameCpu = previousCpu == 0 ? 0 : cpu - previousCpu;
                if (previous != 0) {
                    maxPulseGapNs.accumulateAndGet(now - previous, Math::max);
                    if (TRACE && (now - previous > 50_000_000 || frameCpu > 30_000_000)) {
                        System.out.printf(Locale.ROOT, "  gap %.0f ms (FX CPU %.0f ms) at %d ms, pending %d, shown %d%n",
                                (now - previous) / 1e6, frameCpu / 1e6, (System.nanoTime() - traceStart) / 1_000_000,
                                model.pendingCount(), model.visibleLines().size());
                    }
                }
            }
        };
        Platform.runLater(() -> {
            LogsView view = new LogsView(model, ZoneOffset.UTC);
            Stage stage = new Stage();
            stage.setScene(new Scene(view, 1280, 800));
            stage.show();
            if (throughStore) {
                model.start();
            }
            view.startPump();
            pulses.start();
            shown.complete(view);
        });
        LogsView view = shown.get(60, TimeUnit.SECONDS);
        Thread.sleep(500);
        maxPulseGapNs.set(0);
        maxFrameCpuNs.set(0);
        long gcBefore = gcMillis();

        volatileRunning = true;
        Thread pinger = new Thread(() -> {
            while (volatileRunning) {
                long sent = System.nanoTime();
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(() -> {
                    maxPingNs.accumulateAndGet(System.nanoTime() - sent, Math::max);
                    done.countDown();
                });
                try {
                    done.await();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-ping");
        pinger.setDaemon(true);
        pinger.start();

        Instant base = Instant.parse("2026-03-01T00:00:00Z");
        Severity[] severities = {Severity.DEBUG, Severity.INFO, Severity.INFO, Severity.NOTICE, Severity.WARNING,
                Severity.ERROR};
        long t0 = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            String run = "shop-run-" + (i / 500);
            CanaryEvent e = CanaryEvent.of(severities[i % severities.length], "page " + i + " done: 12 items, 30 links",
                    base.plusMillis(i), new CanaryLabels(run, run + "-job-" + (i % 7), "shop", i % 2 == 0 ? "local"
                            : "cloud-run", "abc1234"))
                    .withDetail(CanaryDetail.step("page").withUrl("http://127.0.0.1:8931/product/" + i));
            if (throughStore) {
                logs.emit(e);
            } else {
                model.offer(e);
            }
        }
        long produced = System.nanoTime();
        ListView<?> list = (ListView<?>) view.lookup("#logs-list");
        // Done when the last event is the last line shown (beyond the ring buffer's capacity the list stays full).
        String lastMessage = "page " + (EVENTS - 1) + " done: 12 items, 30 links";
        while (true) {
            CompletableFuture<Boolean> last = new CompletableFuture<>();
            Platform.runLater(() -> last.complete(!list.getItems().isEmpty() && ((CanaryEvent) list.getItems()
                    .get(list.getItems().size() - 1)).message().equals(lastMessage)));
            if (last.get()) {
                break;
            }
            Thread.sleep(2);
        }
        // One more pulse so the last batch is laid out and painted.
        CompletableFuture<Void> painted = new CompletableFuture<>();
        Platform.runLater(() -> Platform.requestNextPulse());
        Platform.runLater(() -> painted.complete(null));
        painted.get();
        long shownAt = System.nanoTime();
        volatileRunning = false;
        pinger.join();
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            pulses.stop();
            view.stopPump();
            model.stop();
            view.getScene().getWindow().hide();
            closed.countDown();
        });
        closed.await();
        System.out.printf(Locale.ROOT, "log view, %,d events %s: produced in %.0f ms, all shown after %.0f ms;"
                        + " longest FX pause: pulse gap %.1f ms, runLater ping %.1f ms"
                        + " (most FX-thread CPU in one pulse %.1f ms; GC %d ms in all)%n", EVENTS,
                throughStore ? "written to the local log store and tailed" : "offered by a producer thread",
                (produced - t0) / 1e6, (shownAt - t0) / 1e6, maxPulseGapNs.get() / 1e6, maxPingNs.get() / 1e6,
                maxFrameCpuNs.get() / 1e6, gcMillis() - gcBefore);
    }

    /** Time the collectors report spent collecting so far (pauses, for the stop-the-world collectors). */
    private static long gcMillis() {
        long total = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static volatile boolean volatileRunning;
    private static final boolean TRACE = Boolean.getBoolean("bench.trace");
    private static final long traceStart = System.nanoTime();
}
