package dev.datafactory.worker.engine;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.spec.Extract;
import dev.datafactory.model.spec.FieldRule;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScreenshotPolicy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Visits one page on a browser thread: navigate, check block signals, wait, extract, screenshot.
 * Everything a page yields comes back as a {@link PageResult}; nothing here decides the job.
 */
final class PageVisitor {

    private final ArtifactStore store;
    private final AddressGuard guard;

    PageVisitor(ArtifactStore store, AddressGuard guard) {
        this.store = store;
        this.guard = guard;
    }

    /**
     * Loads the task's URL in {@code page}, which the caller reuses for the next page of the same job:
     * a fresh tab per page would cost a new renderer process each time, the largest single cost of a
     * page on a small machine.
     */
    PageResult visit(Browser browser, Page page, PageTask task) {
        JobRun job = task.job();
        ScrapeSpec spec = job.spec();
        long remaining = job.remainingMs();
        if (remaining <= 0) {
            return PageResult.of(PageResult.Kind.TIMED_OUT, task.url(), "job time limit of "
                    + spec.timeouts().jobMs() + " ms reached before this page was loaded");
        }
        Optional<String> refused = guard.refusal(task.url(), spec.allowHosts());
        if (refused.isPresent()) {
            job.canary().emit(Severity.ERROR, "navigation refused: " + refused.get(),
                    CanaryDetail.step("guard").withUrl(task.url()));
            return PageResult.of(PageResult.Kind.FAILED, task.url(), refused.get());
        }
        Evidence evidence = new Evidence(job, page);
        try {
            int navTimeout = (int) Math.min(spec.timeouts().navigationMs(), remaining);
            Response response;
            try {
                response = page.navigate(task.url(), new Page.NavigateOptions().setTimeout(navTimeout)
                        .setWaitUntil(WaitUntilState.LOAD));
            } catch (TimeoutError e) {
                return evidence.failure(PageResult.Kind.TIMED_OUT, task.url(), 0, List.of(), "timeout",
                        "navigation to " + task.url() + " took longer than " + navTimeout + " ms");
            }
            int status = response == null ? 0 : response.status();
            String finalUrl = page.url();
            Optional<String> redirectRefusal = redirectRefusal(response, spec);
            if (redirectRefusal.isPresent()) {
                job.canary().emit(Severity.ERROR, "redirect refused: " + redirectRefusal.get(),
                        CanaryDetail.step("guard").withUrl(finalUrl).withStatus(status));
                return new PageResult(PageResult.Kind.FAILED, finalUrl, status, List.of(), List.of(), List.of(),
                        List.of(), redirectRefusal, Optional.empty());
            }
            Optional<EnvironmentFingerprint> fingerprint = job.claimFingerprint()
                    ? Optional.of(fingerprint(page, browser, job.environment())) : Optional.empty();
            evidence.fingerprint = fingerprint;
            List<String> signals = blockSignals(page, status, finalUrl, spec);
            if (!signals.isEmpty()) {
                return evidence.failure(PageResult.Kind.BLOCKED, finalUrl, status, signals, "blocked",
                        "blocked by " + String.join(", ", signals));
            }
            Extract extract = spec.extract();
            boolean extractHere = extract.urlPattern().map(p -> job.matchesExtract(finalUrl)).orElse(true);
            if (extractHere && extract.waitFor().isPresent()) {
                int waitTimeout = (int) Math.max(1, Math.min(spec.timeouts().navigationMs(), job.remainingMs()));
                try {
                    page.waitForSelector(extract.waitFor().get(),
                            new Page.WaitForSelectorOptions().setTimeout(waitTimeout));
                } catch (TimeoutError e) {
                    List<String> late = blockSignals(page, status, finalUrl, spec);
                    if (!late.isEmpty()) {
                        return evidence.failure(PageResult.Kind.BLOCKED, finalUrl, status, late, "blocked",
                                "blocked by " + String.join(", ", late));
                    }
                    return evidence.failure(PageResult.Kind.TIMED_OUT, finalUrl, status, List.of(), "timeout",
                            "waitFor \"" + extract.waitFor().get() + "\" did not appear within " + waitTimeout
                                    + " ms on " + finalUrl);
                }
            }
            if (status >= 400) {
                return evidence.failure(PageResult.Kind.FAILED, finalUrl, status, List.of(), "http-error",
                        "HTTP " + status + " from " + finalUrl);
            }
            boolean follow = spec.follow().isPresent() && task.depth() < spec.follow().get().maxDepth();
            Extracted extracted = extract(page, extract, extractHere && !extract.fields().isEmpty(),
                    follow ? spec.follow().get().selector() : null);
            List<Map<String, Object>> items = new ArrayList<>();
            for (List<Object> values : extracted.values()) {
                items.add(item(values, extract, finalUrl, job));
            }
            if (spec.screenshots().when() == ScreenshotPolicy.When.ALWAYS) {
                evidence.screenshot(stepFor(finalUrl));
            }
            job.canary().emit(Severity.INFO, "page done: " + items.size() + " items, " + extracted.links().size()
                    + " links", evidence.detail("page", finalUrl, status));
            return new PageResult(PageResult.Kind.OK, finalUrl, status, items, extracted.links(), List.of(),
                    evidence.screenshots, Optional.empty(), fingerprint);
        } catch (PlaywrightException e) {
            if (!browser.isConnected()) {
                return PageResult.of(PageResult.Kind.CRASHED, task.url(), "the browser crashed while loading "
                        + task.url() + ": " + firstLine(e));
            }
            return evidence.failure(PageResult.Kind.FAILED, task.url(), 0, List.of(), "failed",
                    "loading " + task.url() + " failed: " + firstLine(e));
        }
    }

    /** Screenshots and canary lines of one page; failures get a screenshot unless the policy says never. */
    private final class Evidence {
        private final JobRun job;
        private final Page page;
        private final List<String> screenshots = new ArrayList<>();
        private Optional<EnvironmentFingerprint> fingerprint = Optional.empty();

        Evidence(JobRun job, Page page) {
            this.job = job;
            this.page = page;
        }

        PageResult failure(PageResult.Kind kind, String url, int status, List<String> signals, String step,
                           String message) {
            if (job.spec().screenshots().when() != ScreenshotPolicy.When.NEVER) {
                screenshot(step + "-" + stepFor(url));
            }
            CanaryDetail detail = detail(step, url, status);
            if (!signals.isEmpty()) {
                detail = detail.withVerdict("blocked (" + String.join(", ", signals) + ")");
            }
            job.canary().emit(kind == PageResult.Kind.FAILED ? Severity.ERROR : Severity.WARNING, message, detail);
            return new PageResult(kind, url, status, List.of(), List.of(), signals, screenshots,
                    Optional.of(message), fingerprint);
        }

        void screenshot(String step) {
            try {
                byte[] png = page.screenshot(new Page.ScreenshotOptions()
                        .setFullPage(job.spec().screenshots().fullPage()).setTimeout(10_000));
                String key = job.nextScreenshotKey(step);
                try {
                    store.put(key, png, "image/png", Map.of("url", page.url(), "step", step));
                } catch (RuntimeException e) {
                    throw new ArtifactWriteException(key, e);
                }
                screenshots.add(key);
            } catch (TimeoutError e) {
                job.canary().emit(Severity.WARNING, "screenshot \"" + step + "\" timed out", CanaryDetail.step(step));
            }
        }

        CanaryDetail detail(String step, String url, int status) {
            CanaryDetail d = CanaryDetail.step(step).withUrl(url);
            if (status > 0) {
                d = d.withStatus(status);
            }
            if (!screenshots.isEmpty()) {
                d = d.withScreenshot(screenshots.get(screenshots.size() - 1));
            }
            return fingerprint.map(d::withFingerprint).orElse(d);
        }
    }

    private Optional<String> redirectRefusal(Response response, ScrapeSpec spec) {
        if (response == null) {
            return Optional.empty();
        }
        for (Request hop = response.request().redirectedFrom(); hop != null; hop = hop.redirectedFrom()) {
            Optional<String> refused = guard.refusal(hop.url(), spec.allowHosts());
            if (refused.isPresent()) {
                return refused;
            }
        }
        return guard.refusal(response.url(), spec.allowHosts());
    }

    private static List<String> blockSignals(Page page, int status, String url, ScrapeSpec spec) {
        List<String> hits = new ArrayList<>();
        if (spec.blockSignals().statusCodes().contains(status)) {
            hits.add("status:" + status);
        }
        for (String pattern : spec.blockSignals().urlPatterns()) {
            if (java.util.regex.Pattern.compile(pattern).matcher(url).find()) {
                hits.add("url:" + pattern);
            }
        }
        if (!spec.blockSignals().selectors().isEmpty() || !spec.blockSignals().texts().isEmpty()) {
            Object found = page.evaluate(PageScripts.BLOCK_SIGNALS,
                    List.of(spec.blockSignals().selectors(), spec.blockSignals().texts()));
            if (found instanceof List<?> list) {
                list.forEach(o -> hits.add(String.valueOf(o)));
            }
        }
        return hits;
    }

    private record Extracted(List<List<Object>> values, List<String> links) {
    }

    private static Extracted extract(Page page, Extract extract, boolean extractItems, String followSelector) {
        if (!extractItems && followSelector == null) {
            return new Extracted(List.of(), List.of());
        }
        List<List<Object>> fields = new ArrayList<>();
        extract.fields().forEach((name, rule) -> fields.add(Arrays.asList(name, rule.selector(),
                rule.attribute().orElse(null), rule.all())));
        Object raw = page.evaluate(PageScripts.EXTRACT, Arrays.asList(extract.itemSelector().orElse(null), fields,
                extractItems, followSelector));
        List<List<Object>> values = new ArrayList<>();
        List<String> links = new ArrayList<>();
        if (raw instanceof Map<?, ?> map) {
            if (map.get("items") instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof List<?> row) {
                        values.add(new ArrayList<>(row));
                    }
                }
            }
            if (map.get("links") instanceof List<?> hrefs) {
                hrefs.forEach(h -> links.add(String.valueOf(h)));
            }
        }
        return new Extracted(values, links);
    }

    private static Map<String, Object> item(List<Object> values, Extract extract, String url, JobRun job) {
        Map<String, Object> item = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, FieldRule> field : extract.fields().entrySet()) {
            item.put(field.getKey(), i < values.size() ? values.get(i) : null);
            i++;
        }
        item.put("url", url);
        item.put("runId", job.request().runId());
        item.put("jobId", job.request().jobId());
        item.put("scrapedAt", job.clock().instant().toString());
        return item;
    }

    private static EnvironmentFingerprint fingerprint(Page page, Browser browser, String environment) {
        Object raw = page.evaluate(PageScripts.FINGERPRINT);
        if (!(raw instanceof Map<?, ?> map)) {
            return EnvironmentFingerprint.unknown(environment);
        }
        List<String> languages = new ArrayList<>();
        if (map.get("languages") instanceof List<?> list) {
            list.forEach(l -> languages.add(String.valueOf(l)));
        }
        Map<String, String> hints = new LinkedHashMap<>();
        if (map.get("hints") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> hints.put(String.valueOf(k), String.valueOf(v)));
        }
        return new EnvironmentFingerprint(String.valueOf(map.get("userAgent")),
                Boolean.TRUE.equals(map.get("webdriver")), languages, String.valueOf(map.get("timeZone")),
                number(map.get("width")), number(map.get("height")), browser.version(),
                String.valueOf(map.get("platform")), hints, Optional.empty(), environment);
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** A readable step name from the URL path: {@code /product/17} becomes {@code product-17}. */
    static String stepFor(String url) {
        try {
            String path = URI.create(url).getPath();
            return path == null || path.isBlank() || path.equals("/") ? "index" : path;
        } catch (IllegalArgumentException e) {
            return "page";
        }
    }

    private static String firstLine(Exception e) {
        return ErrorReasons.firstLine(e);
    }
}
