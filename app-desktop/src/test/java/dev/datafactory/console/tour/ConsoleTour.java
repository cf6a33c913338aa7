package dev.datafactory.console.tour;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.console.shell.ConsoleApp;
import dev.datafactory.console.shell.ConsoleLaunch;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.queue.Lease;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.worker.engine.BrowserSettings;
import dev.datafactory.worker.engine.EngineConfig;
import dev.datafactory.worker.engine.ProgressListener;
import dev.datafactory.worker.engine.ScrapeEngine;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: the screenshot tour for docs/screenshots. Runs a real local factory with real scrapes
 * (an in-process worker on real Chromium against a shop served on 127.0.0.1 that shows a captcha to
 * headless user agents), opens the console on it under an X display (Xvfb), walks through Logs,
 * Runs, Compare and Test scrape, and captures each window with ImageMagick's {@code import}.
 * Run with app-desktop/src/test/tour.sh.
 */
public final class ConsoleTour {

    private static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.0.0 Safari/537.36";

    private static volatile boolean working = true;

    private ConsoleTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots").toAbsolutePath();
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("console-tour");
        HttpServer site = shop();
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        LocalFactory factory = LocalFactory.open(new DataDirectory(dir.resolve("data")).ensureExists());
        ScrapeEngine engine = ScrapeEngine.start(new EngineConfig(1, BrowserSettings.discover(System.getenv()),
                "local", BuildInfo.current(), Clock.systemUTC()), factory.artifacts(), factory.logs());
        Thread worker = new Thread(() -> work(factory, engine), "tour-worker");
        worker.setDaemon(true);
        worker.start();

        Schedule shop = schedule(factory, "demo-products", "Demo products", "0 6 * * *", "Europe/Berlin", base + "/",
                "\"follow\": {\"selector\": \"a.product-link\", \"maxDepth\": 1, \"maxPages\": 10},"
                        + " \"extract\": {\"urlPattern\": \"/product/\\\\d+$\", \"fields\": {\"title\": {\"selector\": \"h1\"},"
                        + " \"price\": {\"selector\": \".price\"}, \"reviews\": {\"selector\": \".review\", \"all\": true}}},"
                        + " \"browser\": {\"userAgent\": \"" + DESKTOP_UA + "\"},");
        Schedule partner = schedule(factory, "partner-prices", "Partner prices", "*/30 * * * *", "UTC",
                base + "/product/1", "\"extract\": {\"fields\": {\"title\": {\"selector\": \"h1\"},"
                        + " \"price\": {\"selector\": \".price\"}}},");
        Schedule legacy = schedule(factory, "legacy-catalog", "Legacy catalog", "15 3 * * 1-5", "America/New_York",
                base + "/catalog-2019", "\"extract\": {\"fields\": {\"title\": {\"selector\": \"h1\"}}},");
        for (Schedule s : List.of(shop, partner, legacy, shop, partner)) {
            String run = factory.schedules().runNow(s.id());
            waitFor(120, () -> !factory.runs().jobsOf(run).isEmpty());
            Thread.sleep(1100); // run ids are per second
        }

        ConsoleBackend backend = new ConsoleBackend("local", dir.resolve("data").toString(), factory.schedules(),
                factory.queue(), factory.logs(), factory.artifacts(), factory.runs(), () -> { });
        CountDownLatch fx = new CountDownLatch(1);
        Platform.startup(fx::countDown);
        fx.await();
        CompletableFuture<Stage> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            ConsoleApp app = new ConsoleApp(ConsoleLaunch.of(backend, BackendSettings.local(dir.resolve("data")),
                    settings -> backend, dir.resolve("data")));
            app.start(stage);
            stage.setWidth(1440);
            stage.setHeight(900);
            opened.complete(stage);
        });
        Stage stage = opened.get(30, TimeUnit.SECONDS);

        // Logs: everything the runs wrote; a line with a screenshot selected.
        click(stage, "#nav-logs");
        Thread.sleep(2500);
        fx(() -> {
            ListView<CanaryEvent> list = lookup(stage, "#logs-list");
            for (int i = list.getItems().size() - 1; i >= 0; i--) {
                if (list.getItems().get(i).canary().flatMap(c -> c.screenshot()).isPresent()
                        && list.getItems().get(i).labels().schedule().equals("partner-prices")) {
                    list.getSelectionModel().select(i);
                    list.scrollTo(Math.max(0, i - 10));
                    break;
                }
            }
        });
        Thread.sleep(2000);
        capture(stage, out.resolve("logs.png"));

        // Runs: the table and the chart.
        click(stage, "#nav-runs");
        waitFor(60, () -> {
            CompletableFuture<Integer> rows = new CompletableFuture<>();
            Platform.runLater(() -> {
                TableView<?> table = lookup(stage, "#runs-table");
                rows.complete(table == null ? -1 : table.getItems().size());
            });
            System.out.println("runs table rows: " + rows.get(10, TimeUnit.SECONDS));
            return rows.get() >= 5;
        });
        Thread.sleep(1500);
        capture(stage, out.resolve("runs.png"));

        // Compare: the clear shop run against the blocked partner run of the same product page.
        fx(() -> {
            TableView<RunRecord> table = lookup(stage, "#runs-table");
            RunRecord clear = table.getItems().stream().filter(r -> r.scheduleId().equals("demo-products")
                    && r.pages() > 1).findFirst().orElseThrow();
            RunRecord blocked = table.getItems().stream().filter(r -> r.scheduleId().equals("partner-prices"))
                    .findFirst().orElseThrow();
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(clear);
            table.getSelectionModel().select(blocked);
            ((ButtonBase) lookup(stage, "#runs-compare")).fire();
        });
        Thread.sleep(5000);
        fx(() -> {
            ComboBox<Object> step = lookup(stage, "#compare-step");
            step.getItems().stream().filter(s -> s.toString().equals("product-1")).findFirst()
                    .ifPresent(step::setValue);
        });
        Thread.sleep(4000);
        capture(stage, out.resolve("compare.png"));

        // Test scrape: the shop template, run on the local worker, finished.
        click(stage, "#nav-test-scrape");
        Thread.sleep(2000);
        fx(() -> {
            ComboBox<Schedule> templates = lookup(stage, "#test-template");
            templates.getItems().stream().filter(s -> s.id().equals("demo-products")).findFirst()
                    .ifPresent(templates::setValue);
        });
        Thread.sleep(1000);
        click(stage, "#test-run");
        waitFor(120, () -> {
            CompletableFuture<String> state = new CompletableFuture<>();
            Platform.runLater(() -> state.complete(((javafx.scene.control.Label) stage.getScene()
                    .lookup("#test-state")).getText()));
            return state.get().equals(dev.datafactory.console.testscrape.TestScrapeState.FINISHED.label());
        });
        Thread.sleep(2000);
        capture(stage, out.resolve("test-scrape.png"));

        Platform.runLater(stage::close);
        working = false;
        worker.join(10_000);
        engine.close();
        factory.close();
        site.stop(0);
        Platform.exit();
        System.exit(0);
    }

    private static Schedule schedule(LocalFactory factory, String id, String name, String cron, String zone,
                                     String url, String more) {
        String spec = "{\"name\": \"" + id + "\", \"startUrls\": [\"" + url + "\"], " + more
                + " \"screenshots\": {\"when\": \"always\", \"fullPage\": true},"
                + " \"blockSignals\": {\"selectors\": [\"#captcha\"], \"texts\": [\"unusual traffic\"],"
                + " \"statusCodes\": [403, 429]},"
                + " \"timeouts\": {\"navigationMs\": 15000, \"jobMs\": 60000}, \"allowHosts\": [\"127.0.0.1\"]}";
        return factory.schedules().create(new Schedule(id, name, cron, zone, ScheduleState.ENABLED,
                ScrapeSpecCodec.parse(id, spec), RetryPolicy.defaults(), Optional.empty(), Optional.empty()));
    }

    /** The in-process worker: lease, run on the engine, ack, index. */
    private static void work(LocalFactory factory, ScrapeEngine engine) {
        while (working) {
            List<Lease> leases = factory.queue().lease(1, "tour-worker", Duration.ofMinutes(2));
            if (leases.isEmpty()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            for (Lease lease : leases) {
                JobRequest job = JobRequestCodec.parse(lease.jobId(), lease.data());
                engine.run(job, ProgressListener.NONE);
                factory.queue().ack(lease);
                factory.runs().indexJob(job.runId(), job.jobId());
            }
        }
    }

    /** A small shop: an index, three products, and a captcha for headless browsers (the "cloud"). */
    private static HttpServer shop() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String ua = exchange.getRequestHeaders().getFirst("User-Agent");
            boolean headless = ua != null && ua.contains("Headless");
            if (path.equals("/")) {
                respond(exchange, 200, page("Demo shop", "<h1>Demo shop</h1><p>Fresh mugs every day.</p><ul>"
                        + "<li><a class='product-link' href='/product/1'>Red mug</a></li>"
                        + "<li><a class='product-link' href='/product/2'>Blue mug</a></li>"
                        + "<li><a class='product-link' href='/product/3'>Green mug</a></li></ul>"));
            } else if (path.matches("/product/\\d+") && headless) {
                respond(exchange, 200, page("Just a moment", "<div id='captcha' style='margin:80px auto;width:420px;"
                        + "padding:32px;border:2px solid #d33;border-radius:8px;background:#fff4f4'>"
                        + "<h2>Our systems have detected unusual traffic</h2><p>Please prove you are human.</p>"
                        + "<div style='height:60px;background:#eee;border:1px solid #ccc'></div></div>"));
            } else if (path.matches("/product/\\d+")) {
                String n = path.substring("/product/".length());
                String[] names = {"Red mug", "Blue mug", "Green mug"};
                String name = names[(Integer.parseInt(n) - 1) % names.length];
                respond(exchange, 200, page(name, "<h1>" + name + "</h1><p class='price'>" + (9 + Integer.parseInt(n))
                        + ".50 EUR</p><div style='height:160px;width:240px;background:" + name.split(" ")[0]
                        .toLowerCase(java.util.Locale.ROOT) + "'></div><ul id='reviews'>"
                        + "<li class='review'>Great mug</li><li class='review'>Holds coffee</li></ul>"));
            } else {
                respond(exchange, 404, page("Not found", "<h1>404</h1><p>This catalog moved.</p>"));
            }
        });
        server.start();
        return server;
    }

    private static String page(String title, String body) {
        return "<html><head><title>" + title + "</title><style>body{font-family:sans-serif;margin:24px}</style>"
                + "</head><body>" + body + "</body></html>";
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @SuppressWarnings("unchecked") // the tour knows the type of each node it looks up by id
    private static <T extends Node> T lookup(Stage stage, String selector) {
        return (T) stage.getScene().lookup(selector);
    }

    private static void click(Stage stage, String selector) throws Exception {
        fx(() -> ((ButtonBase) lookup(stage, selector)).fire());
    }

    private static void fx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    /** Captures the console's window by id (never by a name that may not exist: import would wait for a click). */
    private static void capture(Stage stage, Path png) throws Exception {
        CompletableFuture<String> title = new CompletableFuture<>();
        Platform.runLater(() -> title.complete(stage.getTitle()));
        Process info = new ProcessBuilder("xwininfo", "-name", title.get()).redirectErrorStream(true).start();
        String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor(10, TimeUnit.SECONDS);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("Window id: (0x[0-9a-f]+)").matcher(text);
        if (!id.find()) {
            throw new IllegalStateException("no window titled " + title.get() + ": " + text);
        }
        Process shot = new ProcessBuilder("timeout", "10", "import", "-window", id.group(1), png.toString())
                .inheritIO().start();
        if (shot.waitFor() != 0) {
            throw new IllegalStateException("import failed for " + png);
        }
        System.out.println("captured " + png);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }
}
