package dev.datafactory.launcher.worker;

import dev.datafactory.launcher.testing.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.model.json.Json;
import dev.datafactory.worker.auth.AuthDecision;
import dev.datafactory.worker.auth.LocalTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code factory scrape} and {@code factory token} as an operator runs them, against pages on 127.0.0.1. */
class ScrapeAndTokenCommandTest {

    @TempDir
    static Path tmp;

    private static HttpServer site;

    @BeforeAll
    static void serve() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String html;
            if (path.equals("/")) {
                html = "<a class='p' href='/p/1'>1</a><a class='p' href='/p/2'>2</a><a class='p' href='/p/3'>3</a>";
            } else if (path.startsWith("/p/")) {
                html = "<h1>Item " + path.substring(3) + "</h1><span class='price'>" + path.substring(3) + ".00</span>";
            } else {
                status = 403;
                html = "<div id='captcha'>Are you a robot?</div>";
            }
            byte[] body = ("<html><body>" + html + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
    }

    @AfterAll
    static void stop() {
        site.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + site.getAddress().getPort() + path;
    }

    private static Path spec(String name, String json) throws IOException {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void workerScrapeAndTokenAnswerHelpLikeEveryOtherCommand() {
        for (String command : List.of("worker", "scrape", "token")) {
            Cli.Result result = Cli.runRaw(command, "--help");
            assertThat(result.exit()).as(command + " --help exit code").isZero();
            assertThat(result.out()).as(command + " --help").contains("Usage: factory " + command);
            assertThat(result.err()).as(command + " --help").doesNotContain("Unknown option");
        }
    }

    @Test
    void scrapeWritesItemsRunRecordScreenshotsAndCanaryLinesThenSummarizes() throws IOException {
        Path spec = spec("shop", """
                {"name": "shop", "startUrls": ["%s"], "follow": {"selector": "a.p", "maxDepth": 1},
                 "extract": {"urlPattern": "/p/\\\\d+$", "fields": {"title": {"selector": "h1"},
                             "price": {"selector": ".price"}}},
                 "allowHosts": ["127.0.0.1"]}""".formatted(url("/")));
        Path out = tmp.resolve("out-shop");

        Cli.Result result = Cli.runRaw("scrape", spec.toString(), "--out", out.toString(), "--concurrency", "2");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        List<String> items = Files.readAllLines(out.resolve("items.jsonl"));
        assertThat(items).hasSize(3);
        assertThat(Json.mapper().readTree(items.get(0)).path("title").asText()).isEqualTo("Item 1");
        JsonNode run = Json.mapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pages").asInt()).isEqualTo(4);
        try (var shots = Files.list(out.resolve("screenshots"))) {
            assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(4);
        }
        assertThat(Files.readAllLines(out.resolve("canary.jsonl"))).hasSizeGreaterThan(4);
        assertThat(result.err()).contains("pages 4 done, 0 queued, 0 blocked, 0 failed");
        assertThat(result.out()).startsWith("SUCCEEDED: 3 items from 4 pages");
    }

    @Test
    void blockedScrapeExitsNonZeroWithTheVerdictAndAScreenshot() throws IOException {
        Path spec = spec("blocked", """
                {"name": "blocked", "startUrls": ["%s"], "screenshots": {"when": "onFailure"},
                 "blockSignals": {"selectors": ["#captcha"], "statusCodes": [403]},
                 "allowHosts": ["127.0.0.1"]}""".formatted(url("/captcha")));
        Path out = tmp.resolve("out-blocked");

        Cli.Result result = Cli.runRaw("scrape", spec.toString(), "--out", out.toString(), "--concurrency", "1");

        assertThat(result.exit()).isEqualTo(ScrapeCommand.BLOCKED);
        assertThat(result.out()).startsWith("BLOCKED").contains("status:403").contains("selector:#captcha");
        try (var shots = Files.list(out.resolve("screenshots"))) {
            assertThat(shots.toList()).singleElement().satisfies(p -> assertThat(p.toString()).contains("blocked"));
        }
    }

    @Test
    void privateAddressIsRefusedWithTheReasonAndNoBrowserLineOfBlanks() throws IOException {
        Path spec = spec("private", """
                {"name": "private", "startUrls": ["http://10.1.2.3/"], "timeouts": {"navigationMs": 2000}}""");
        Path out = tmp.resolve("out-private");

        Cli.Result result = Cli.runRaw("scrape", spec.toString(), "--out", out.toString(), "--concurrency", "1");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).startsWith("FAILED").contains("10.1.2.3 is a private address")
                .contains("allowHosts").contains("browser:     not reached").doesNotContain("0x0");
    }

    @Test
    void invalidSpecExitsWithTwoAndNamesTheFieldPath() throws IOException {
        Path spec = spec("invalid", """
                {"name": "x", "startUrls": ["notaurl"], "extract": {"fields": {"t": {"selektor": "h1"}}}}""");

        Cli.Result result = Cli.runRaw("scrape", spec.toString(), "--out", tmp.resolve("out-invalid").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("startUrls[0]").contains("extract.fields.t.selektor");
    }

    @Test
    void tokenPrintsAJwtTheLocalWorkerAccepts() {
        Path data = tmp.resolve("data");

        Cli.Result result = Cli.runRaw("token", "--data-dir", data.toString());

        assertThat(result.exit()).isZero();
        String token = result.out().trim();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(LocalTokens.open(data).verify(token, LocalTokens.AUDIENCE, Set.of(LocalTokens.QUEUE_EMAIL)))
                .isEqualTo(new AuthDecision.Accepted(LocalTokens.QUEUE_EMAIL));
        assertThat(LocalTokens.open(data).authenticator(LocalTokens.AUDIENCE, Set.of(LocalTokens.QUEUE_EMAIL))
                .check(Optional.of("Bearer " + token))).isInstanceOf(AuthDecision.Accepted.class);
    }
}
