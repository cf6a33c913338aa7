package dev.datafactory.console.testscrape;

import com.sun.net.httpserver.HttpServer;
import dev.datafactory.console.fixtures.LocalConsole;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.local.queue.Lease;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.job.JobRequestCodec;
import dev.datafactory.worker.engine.BrowserSettings;
import dev.datafactory.worker.engine.EngineConfig;
import dev.datafactory.worker.engine.ProgressListener;
import dev.datafactory.worker.engine.ScrapeEngine;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test scrape from the console end to end with real parts: the spec is published on the local
 * factory's durable queue, an in-process worker leases it and runs it in the worker's engine on real
 * Chromium against a page served on 127.0.0.1, writing canary lines to the local log store and
 * screenshots, items and the run record to the local artifact store; the screen follows all of it.
 */
@ExtendWith(ApplicationExtension.class)
class TestScrapeFxTest {

    @TempDir
    static Path dir;

    private static HttpServer site;
    private static LocalConsole console;
    private static ScrapeEngine engine;
    private static Thread worker;
    private static volatile boolean running = true;
    // Holds deliveries back so that a test can see a run that is still waiting for its worker.
    private static volatile boolean paused;
    private static final java.util.concurrent.atomic.AtomicInteger pageRequests =
            new java.util.concurrent.atomic.AtomicInteger();

    private TestScrapeScreen screen;

    @BeforeAll
    static void startFactory() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            pageRequests.incrementAndGet();
            byte[] body = """
                    <html><head><title>Shop</title></head><body>
                    <h1>Red mug</h1><span class="price">12.50</span>
                    </body></html>""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        console = new LocalConsole(dir);
        engine = ScrapeEngine.start(new EngineConfig(1, BrowserSettings.discover(System.getenv()), "local",
                BuildInfo.current(), Clock.systemUTC()), console.factory().artifacts(), console.factory().logs());
        worker = new Thread(TestScrapeFxTest::work, "in-process-worker");
        worker.setDaemon(true);
        worker.start();
    }

    /** What the local factory's worker does with a delivery, minus the HTTP push: run it, ack it, index it. */
    private static void work() {
        var queue = console.factory().queue();
        while (running) {
            List<Lease> leases = paused ? List.of()
                    : queue.lease(1, "console-test-worker", Duration.ofMinutes(2));
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
                queue.ack(lease);
                console.factory().runs().indexJob(job.runId(), job.jobId());
            }
        }
    }

    @AfterAll
    static void stopFactory() throws InterruptedException {
        running = false;
        worker.join(10_000);
        engine.close();
        console.close();
        site.stop(0);
    }

    @Start
    void start(Stage stage) {
        // Settings name no cloud project: the local worker is the one target.
        screen = new TestScrapeScreen(console.context(), new RunTargets(console.context().backend(),
                BackendSettings.local(dir), settings -> {
                    throw new AssertionError("no other backend is opened");
                }));
        LocalConsole.show(stage, (Parent) screen.view(), "Test scrape test");
        screen.activate();
    }

    @AfterEach
    void closeStages() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> screen.model().close()).get();
        FxToolkit.cleanupStages();
    }

    @Test
    void escapeCancelsAQueuedTestScrapeAndTheWorkerRecordsItCancelled(FxRobot robot) throws Exception {
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        TextArea editor = robot.lookup("#test-spec").query();
        robot.interact(() -> editor.setText(spec(url, "")));
        int requestsBefore = pageRequests.get();
        paused = true;
        try {
            robot.clickOn("#test-run");
            waitFor(30, () -> screen.model().stateProperty().get() == TestScrapeState.RUNNING);
            robot.type(javafx.scene.input.KeyCode.ESCAPE);
            waitFor(10, () -> screen.model().stateProperty().get() == TestScrapeState.CANCELLING);
            assertThat(robot.lookup("#test-state").queryLabeled().getText()).isEqualTo("Cancelling…");
        } finally {
            paused = false;
        }
        // The worker picks the queued job up, finds the run's cancel request and records it without loading a page.
        waitFor(60, () -> screen.model().stateProperty().get() == TestScrapeState.CANCELLED);
        assertThat(robot.lookup("#test-state").queryLabeled().getText()).isEqualTo("Cancelled");
        assertThat(robot.lookup("#test-status").queryLabeled().getText()).contains("cancelled: 0 item(s) kept from 0 page(s)");
        assertThat(pageRequests.get()).as("the page was never loaded").isEqualTo(requestsBefore);
    }

    @Test
    void runsASpecOnTheLocalWorkerAndShowsLinesScreenshotVerdictAndItems(FxRobot robot) throws Exception {
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
        TextArea editor = robot.lookup("#test-spec").query();
        robot.interact(() -> editor.setText(spec(url, ", \"colour\": \"red\"")));
        ListView<?> problems = robot.lookup("#test-problems").queryListView();
        assertThat(problems.getItems()).map(Object::toString).anyMatch(p -> p.startsWith("colour: unknown field"));
        assertThat(robot.lookup("#test-run").queryButton().isDisabled()).isTrue();

        robot.interact(() -> editor.setText(spec(url, "")));
        assertThat(problems.getItems()).isEmpty();
        robot.clickOn("#test-run");

        waitFor(60, () -> screen.model().stateProperty().get() == TestScrapeState.FINISHED);
        ListView<CanaryEvent> lines = robot.lookup("#test-lines").queryListView();
        assertThat(lines.getItems()).isNotEmpty();
        assertThat(lines.getItems()).allMatch(e -> e.labels().run().equals(screen.model().runIdProperty().get()));
        HBox shots = robot.lookup("#test-screenshots").query();
        assertThat(shots.getChildren()).isNotEmpty();
        Label verdict = robot.lookup("#test-verdict").query();
        assertThat(verdict.getText()).startsWith("SUCCEEDED").contains("clear");
        TableView<Map<String, String>> items = robot.lookup("#test-items").queryTableView();
        assertThat(items.getItems()).extracting(row -> row.get("title")).containsExactly("Red mug");
        assertThat(items.getItems()).extracting(row -> row.get("price")).containsExactly("12.50");
        assertThat(screen.model().fingerprint()).extracting(Map.Entry::getKey).contains("userAgent",
                "navigator.webdriver");
        assertThat(robot.lookup("#test-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress())
                .isEqualTo(1.0);
    }

    private static String spec(String url, String extra) {
        return """
                {
                  "name": "console-test",
                  "startUrls": ["%s"],
                  "extract": {"fields": {"title": {"selector": "h1"}, "price": {"selector": ".price"}}},
                  "screenshots": {"when": "always", "fullPage": true},
                  "timeouts": {"navigationMs": 15000, "jobMs": 60000},
                  "allowHosts": ["127.0.0.1"]%s
                }""".formatted(url, extra);
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
