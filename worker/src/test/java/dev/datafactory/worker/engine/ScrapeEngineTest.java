package dev.datafactory.worker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.build.BuildInfo;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.job.JobRequest;
import dev.datafactory.model.run.RunCancellation;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import dev.datafactory.model.testing.MemoryArtifactStore;
import dev.datafactory.worker.testing.Jobs;
import dev.datafactory.worker.testing.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on real Chromium against pages served on 127.0.0.1; one browser for the class. */
class ScrapeEngineTest {

    private static TestSite site;
    private static MemoryArtifactStore store;
    private static Jobs.Events events;
    private static ScrapeEngine engine;

    @BeforeAll
    static void start() {
        site = new TestSite();
        store = new MemoryArtifactStore();
        events = new Jobs.Events();
        // Safety net for the address-guard tests: anything not on loopback goes to a dead proxy, so even a
        // broken guard could not send a packet to 10.x or the metadata address.
        BrowserSettings browser = BrowserSettings.discover(System.getenv())
                .withExtraArgs(List.of("--proxy-server=http://127.0.0.1:9"));
        EngineConfig config = new EngineConfig(2, browser, "test", BuildInfo.current(), Clock.systemUTC());
        engine = ScrapeEngine.start(config, store, events);
    }

    @AfterAll
    static void stop() {
        engine.close();
        site.close();
    }

    static String delayedProduct(String title, String price, int reviews, int delayMs) {
        return """
                <html><head><title>%1$s</title></head><body>
                <img class="hero" src="/img/%1$s.png">
                <div id="product"></div><ul id="reviews"></ul>
                <script>
                setTimeout(() => {
                  document.getElementById('product').innerHTML = '<h1>%1$s</h1><span class="price"> %2$s </span>';
                  const ul = document.getElementById('reviews');
                  for (let i = 1; i <= %3$d; i++) {
                    const li = document.createElement('li'); li.className = 'review'; li.textContent = 'review ' + i;
                    ul.appendChild(li);
                  }
                }, %4$d);
                </script></body></html>""".formatted(title, price, reviews, delayMs);
    }

    private static RunRecord recorded(JobOutcome outcome) {
        assertThat(outcome).isInstanceOf(JobOutcome.Recorded.class);
        return ((JobOutcome.Recorded) outcome).record();
    }

    private static List<JsonNode> items(JobRequest job) throws IOException {
        byte[] bytes = store.get(ArtifactKeys.results(job.scheduleId(), job.runId(), job.jobId())).orElseThrow();
        List<JsonNode> items = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                items.add(Json.mapper().readTree(line));
            }
        }
        return items;
    }

    @Test
    void extractsContentThatJavaScriptRendersAfterADelay() throws IOException {
        site.page("/delayed", delayedProduct("Teapot", "EUR 12.50", 3, 400));
        JobRequest job = Jobs.job("""
                {"name": "delayed", "startUrls": ["%s"],
                 "extract": {"waitFor": "#reviews .review", "fields": {
                   "title": {"selector": "h1"}, "price": {"selector": ".price"},
                   "image": {"selector": "img.hero", "attribute": "src"},
                   "reviews": {"selector": "#reviews .review", "all": true}}},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/delayed")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(record.items()).isEqualTo(1);
        JsonNode item = items(job).get(0);
        assertThat(item.get("title").asText()).isEqualTo("Teapot");
        assertThat(item.get("price").asText()).isEqualTo("EUR 12.50");
        assertThat(item.get("image").asText()).isEqualTo("/img/Teapot.png");
        assertThat(item.get("reviews")).hasSize(3);
        assertThat(item.get("reviews").get(2).asText()).isEqualTo("review 3");
        assertThat(item.get("url").asText()).isEqualTo(site.url("/delayed"));
        assertThat(item.get("runId").asText()).isEqualTo(job.runId());
        assertThat(item.get("jobId").asText()).isEqualTo(job.jobId());
        assertThat(item.has("scrapedAt")).isTrue();
        assertThat(record.screenshots()).hasSize(1);
        assertThat(store.get(record.screenshots().get(0)).orElseThrow()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(store.get(ArtifactKeys.runRecord(job.runId(), job.jobId()))).isPresent();
    }

    @Test
    void itemSelectorYieldsOneItemPerMatchWithFieldsResolvedInside() throws IOException {
        site.page("/list", """
                <html><body>
                <div class="card"><h2>A</h2><a href="/a">more</a></div>
                <div class="card"><h2>B</h2><a href="/b">more</a></div>
                <div class="card"><h2>C</h2></div>
                </body></html>""");
        JobRequest job = Jobs.job("""
                {"name": "list", "startUrls": ["%s"],
                 "extract": {"itemSelector": ".card", "fields": {
                   "name": {"selector": "h2"}, "link": {"selector": "a", "attribute": "href"}}},
                 "screenshots": {"when": "never"}, "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/list")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<JsonNode> items = items(job);
        assertThat(items).extracting(i -> i.get("name").asText()).containsExactly("A", "B", "C");
        assertThat(items).extracting(i -> i.get("link").isNull() ? null : i.get("link").asText())
                .containsExactly("/a", "/b", null);
        assertThat(record.screenshots()).isEmpty();
    }

    @Test
    void followsLinksWithinDepthAndPageCapVisitingEachPageOnce() throws IOException {
        String product = "<html><body><h1>%s</h1><a class='next' href='/crawl/deep'>deeper</a></body></html>";
        site.page("/crawl/", """
                <html><body>
                <a class="p" href="/crawl/p/1">1</a><a class="p" href="/crawl/p/2">2</a>
                <a class="p" href="/crawl/p/1#reviews">1 again</a><a class="p" href="/crawl/p/3">3</a>
                <a class="p" href="http://localhost:%d/crawl/p/9">other site</a>
                </body></html>""".formatted(site.port()));
        for (int i = 1; i <= 3; i++) {
            site.page("/crawl/p/" + i, product.formatted("P" + i));
        }
        site.page("/crawl/deep", "<html><body><h1>deep</h1></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "crawl", "startUrls": ["%s"],
                 "follow": {"selector": "a.p, a.next", "maxDepth": 1, "maxPages": 10, "sameSite": true},
                 "extract": {"urlPattern": "/crawl/p/\\\\d+$", "fields": {"title": {"selector": "h1"}}},
                 "screenshots": {"when": "never"}, "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/crawl/")));
        List<ScrapeProgress> progress = new CopyOnWriteArrayList<>();

        RunRecord record = recorded(engine.run(job, progress::add));

        assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(record.pages()).isEqualTo(4);
        assertThat(items(job)).extracting(i -> i.get("title").asText()).containsExactly("P1", "P2", "P3");
        assertThat(site.requestsOf("/crawl/p/1")).isEqualTo(1);
        assertThat(site.requestsOf("/crawl/deep")).isZero();
        assertThat(site.requests()).noneMatch(p -> p.contains("/crawl/p/9"));
        ScrapeProgress last = progress.get(progress.size() - 1);
        assertThat(last.pagesDone()).isEqualTo(4);
        assertThat(last.queued()).isZero();
        assertThat(last.items()).isEqualTo(3);

        JobRequest capped = Jobs.job("""
                {"name": "crawl", "startUrls": ["%s"],
                 "follow": {"selector": "a.p, a.next", "maxDepth": 2, "maxPages": 3},
                 "screenshots": {"when": "never"}, "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/crawl/")));
        assertThat(recorded(engine.run(capped, ProgressListener.NONE)).pages()).isEqualTo(3);
    }

    @Test
    void captchaPageWithStatus403EndsBlockedWithAScreenshot() {
        site.page("/captcha", TestSite.Reply.html(403,
                "<html><body><div id='captcha'>Prove you are human</div></body></html>"));
        JobRequest job = Jobs.job("""
                {"name": "captcha", "startUrls": ["%s"], "extract": {"waitFor": "h1"},
                 "screenshots": {"when": "onFailure"},
                 "blockSignals": {"selectors": ["#captcha"], "statusCodes": [403, 429]},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/captcha")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(record.verdict().blocked()).isTrue();
        assertThat(record.verdict().signals()).contains("status:403", "selector:#captcha");
        assertThat(record.screenshots()).singleElement().satisfies(key -> {
            assertThat(key).contains("blocked");
            assertThat(store.get(key)).isPresent();
        });
    }

    @Test
    void loginWallServedWith200EndsBlockedWithAScreenshot() {
        site.page("/account", TestSite.Reply.redirect("/login?next=/account"));
        site.page("/login", "<html><body><form><input name=user><p>Please sign in to continue</p></form></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "wall", "startUrls": ["%s"], "extract": {"waitFor": "h1"},
                 "blockSignals": {"urlPatterns": ["/login"], "texts": ["sign in to continue"]},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/account")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.BLOCKED);
        assertThat(record.verdict().signals()).containsExactly("url:/login", "text:sign in to continue");
        assertThat(record.screenshots()).hasSize(1);
        assertThat(events.forJob(job.jobId())).anySatisfy(e -> assertThat(e.canary().orElseThrow().verdict())
                .hasValueSatisfying(v -> assertThat(v).startsWith("blocked")));
    }

    @Test
    void waitConditionThatNeverAppearsEndsTimedOutWithAScreenshot() {
        site.page("/empty", "<html><body><p>nothing here</p></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "timeout", "startUrls": ["%s"], "extract": {"waitFor": "#never"},
                 "timeouts": {"navigationMs": 1500, "jobMs": 20000}, "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/empty")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("#never"));
        assertThat(record.screenshots()).singleElement().satisfies(k -> assertThat(k).contains("timeout"));
    }

    @Test
    void aPageThatFailsToLoadNamesPlaywrightsReasonNotItsErrorWrapper() {
        // Served as a download, so Chromium aborts the navigation; Playwright's message is a multi-line
        // "Error {\n  message='net::ERR_ABORTED ...'" block whose first line alone says nothing.
        site.page("/download", new TestSite.Reply(200, "application/octet-stream",
                "<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8), java.util.Map.of()));
        JobRequest job = Jobs.job("""
                {"name": "download", "startUrls": ["%s"], "screenshots": {"when": "never"},
                 "timeouts": {"navigationMs": 5000, "jobMs": 20000}, "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/download")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e)
                .contains(site.url("/download")).doesNotContain("Error {").containsPattern("net::ERR_|[Dd]ownload"));
    }

    @Test
    void fingerprintIsReadInsideThePageAndFollowsTheBrowserProfile() {
        site.page("/fp", "<html><body><h1>fp</h1></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "fp", "startUrls": ["%s"], "screenshots": {"when": "never"},
                 "browser": {"userAgent": "DataFactoryTest/1.0", "locale": "de-DE", "timezoneId": "Europe/Berlin",
                             "viewport": {"width": 900, "height": 700}, "headers": {"X-Factory": "yes"}},
                 "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/fp")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
        var fp = record.fingerprint();
        assertThat(fp.userAgent()).isEqualTo("DataFactoryTest/1.0");
        assertThat(fp.languages()).first().isEqualTo("de-DE");
        assertThat(fp.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(fp.viewportWidth()).isEqualTo(900);
        assertThat(fp.viewportHeight()).isEqualTo(700);
        assertThat(fp.browserVersion()).matches("\\d+\\.\\d+.*");
        assertThat(fp.host()).isEqualTo("test");
        assertThat(fp.headlessHints()).containsKeys("plugins.length", "window.chrome", "userAgentData.brands");
        assertThat(site.headersOf("/fp")).containsEntry("x-factory", "yes");
        assertThat(site.headersOf("/fp")).containsEntry("user-agent", "DataFactoryTest/1.0");
    }

    @Test
    void repeatedJobIsAcknowledgedWithoutScrapingAgain() {
        site.page("/once", "<html><body><h1>once</h1></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "once", "startUrls": ["%s"], "allowHosts": ["127.0.0.1"]}""".formatted(site.url("/once")));

        assertThat(engine.run(job, ProgressListener.NONE)).isInstanceOf(JobOutcome.Recorded.class);
        JobOutcome again = engine.run(job.withAttempt(2), ProgressListener.NONE);

        assertThat(again).isInstanceOf(JobOutcome.AlreadyDone.class);
        assertThat(((JobOutcome.AlreadyDone) again).record()).hasValueSatisfying(
                r -> assertThat(r.attempt()).isEqualTo(1));
        assertThat(site.requestsOf("/once")).isEqualTo(1);
    }

    @Test
    void jobTimeLimitStopsACrawlAsTimedOut() {
        StringBuilder links = new StringBuilder("<html><body>");
        for (int i = 0; i < 40; i++) {
            links.append("<a class='s' href='/slow/").append(i).append("'>x</a>");
            site.page("/slow/" + i, "<html><body><h1>slow</h1><script>const t=Date.now();while(Date.now()-t<150){}"
                    + "</script></body></html>");
        }
        site.page("/slow-index", links.append("</body></html>").toString());
        JobRequest job = Jobs.job("""
                {"name": "slow", "startUrls": ["%s"], "follow": {"selector": "a.s", "maxDepth": 1},
                 "screenshots": {"when": "never"},
                 "timeouts": {"navigationMs": 1000, "jobMs": 1500}, "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/slow-index")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(record.pages()).isLessThan(41);
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("jobMs"));
    }

    @Test
    void cancelRequestStopsARunningCrawlBetweenPagesAndKeepsWhatItFound() throws Exception {
        StringBuilder links = new StringBuilder("<html><body>");
        for (int i = 0; i < 40; i++) {
            links.append("<a class='c' href='/cancel-me/").append(i).append("'>x</a>");
            site.page("/cancel-me/" + i, "<html><body><h1>page " + i + "</h1><script>const t=Date.now();"
                    + "while(Date.now()-t<150){}</script></body></html>");
        }
        site.page("/cancel-index", links.append("</body></html>").toString());
        JobRequest job = Jobs.job("""
                {"name": "cancel-me", "startUrls": ["%s"], "follow": {"selector": "a.c", "maxDepth": 1},
                 "extract": {"urlPattern": "/cancel-me/[0-9]+$", "fields": {"title": {"selector": "h1"}}},
                 "screenshots": {"when": "never"},
                 "timeouts": {"navigationMs": 5000, "jobMs": 60000}, "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/cancel-index")));
        RunCancellation cancellation = new RunCancellation(store, Clock.systemUTC());
        java.util.concurrent.CompletableFuture<Void> threePages = new java.util.concurrent.CompletableFuture<>();

        java.util.concurrent.CompletableFuture<JobOutcome> outcome = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> engine.run(job, p -> {
                    if (p.pagesDone() >= 3) {
                        threePages.complete(null);
                    }
                }));
        threePages.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cancellation.request(job.runId(), "test")).isTrue();
        RunRecord record = recorded(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS));

        assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(record.pages()).isBetween(3, 40);
        assertThat(record.items()).isPositive().isEqualTo(items(job).size());
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("cancelled by an operator"));
        assertThat(events.forJob(job.jobId())).extracting(e -> e.message())
                .anySatisfy(m -> assertThat(m).contains("cancel requested"));
        assertThat(cancellation.request(job.runId(), "again")).as("a second request changes nothing").isFalse();
    }

    @Test
    void jobOfARunCancelledBeforeItStartsIsRecordedCancelledWithoutLoadingAPage() {
        site.page("/never-loaded", "<html><body><h1>never</h1></body></html>");
        JobRequest job = Jobs.job("""
                {"name": "never", "startUrls": ["%s"], "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/never-loaded")));
        new RunCancellation(store, Clock.systemUTC()).request(job.runId(), "test");

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(record.pages()).isZero();
        assertThat(site.requestsOf("/never-loaded")).isZero();
        assertThat(engine.run(job, ProgressListener.NONE)).as("a redelivery finds it done")
                .isInstanceOf(JobOutcome.AlreadyDone.class);
    }

    @Test
    void privateMetadataAndLoopbackTargetsAreRefusedAndRecordedAsFailed() {
        for (String url : List.of("http://169.254.169.254/computeMetadata/v1/", "http://10.20.30.40/admin",
                site.url("/guarded"))) {
            site.page("/guarded", "<html><body><h1>guarded</h1></body></html>");
            JobRequest job = Jobs.job("""
                    {"name": "guard", "startUrls": ["%s"]}""".formatted(url));

            RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

            assertThat(record.status()).as(url).isEqualTo(RunStatus.FAILED);
            assertThat(record.error()).as(url).hasValueSatisfying(e -> assertThat(e).contains("allowHosts"));
            assertThat(record.screenshots()).isEmpty();
        }
        assertThat(site.requestsOf("/guarded")).isZero();
    }

    @Test
    void redirectToTheMetadataAddressIsRefused() {
        site.page("/to-metadata", TestSite.Reply.redirect("http://169.254.169.254/computeMetadata/v1/"));
        JobRequest job = Jobs.job("""
                {"name": "redirect", "startUrls": ["%s"], "allowHosts": ["127.0.0.1"]}"""
                .formatted(site.url("/to-metadata")));

        RunRecord record = recorded(engine.run(job, ProgressListener.NONE));

        assertThat(record.status()).isEqualTo(RunStatus.FAILED);
        assertThat(record.error()).hasValueSatisfying(e -> assertThat(e).contains("169.254.169.254"));
    }
}
