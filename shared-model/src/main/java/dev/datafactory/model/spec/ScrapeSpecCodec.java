package dev.datafactory.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.json.StrictObject;
import dev.datafactory.model.validation.Problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a {@link ScrapeSpec} strictly (every problem with its JSON path) and writes it back. */
public final class ScrapeSpecCodec {

    private ScrapeSpecCodec() {
    }

    public static ScrapeSpec parse(String source, String json) {
        JsonNode tree = Json.parseTree(source, json);
        Problems problems = new Problems();
        ScrapeSpec spec = StrictObject.root(tree, problems).map(ScrapeSpecCodec::read).orElse(null);
        problems.throwIfAny(source);
        return spec;
    }

    public static String toJson(ScrapeSpec spec) {
        return Json.writePretty(spec);
    }

    public static JsonNode toTree(ScrapeSpec spec) {
        return Json.mapper().valueToTree(spec);
    }

    /** Reads a spec embedded in another document (a job, a schedule), problems under its path. */
    public static ScrapeSpec read(StrictObject o) {
        Problems p = o.problems();
        String name = o.requiredString("name");
        if (o.has("name") && name.isBlank()) {
            p.add(o.path("name"), "must not be empty");
        } else if (name.length() > 200) {
            p.add(o.path("name"), "must be at most 200 characters");
        }
        List<String> startUrls = o.strings("startUrls");
        if (!o.has("startUrls")) {
            p.add(o.path("startUrls"), "is required: give at least one http(s) URL to start from");
        } else if (startUrls.isEmpty()) {
            p.add(o.path("startUrls"), "must contain at least one URL");
        }
        for (int i = 0; i < startUrls.size(); i++) {
            checkHttpUrl(startUrls.get(i), o.path("startUrls") + "[" + i + "]", p);
        }
        Optional<Follow> follow = o.object("follow").map(ScrapeSpecCodec::follow);
        Extract extract = o.object("extract").map(ScrapeSpecCodec::extract).orElse(Extract.none());
        ScreenshotPolicy screenshots = o.object("screenshots").map(ScrapeSpecCodec::screenshots)
                .orElse(ScreenshotPolicy.defaults());
        BlockSignals blockSignals = o.object("blockSignals").map(ScrapeSpecCodec::blockSignals)
                .orElse(BlockSignals.none());
        BrowserProfile browser = o.object("browser").map(ScrapeSpecCodec::browser).orElse(BrowserProfile.defaults());
        Timeouts timeouts = o.object("timeouts").map(ScrapeSpecCodec::timeouts).orElse(Timeouts.defaults());
        List<String> allowHosts = o.strings("allowHosts");
        for (int i = 0; i < allowHosts.size(); i++) {
            String host = allowHosts.get(i);
            if (host.isBlank() || host.contains("/") || host.contains(" ")) {
                p.add(o.path("allowHosts") + "[" + i + "]", "must be a bare host name or address such as 127.0.0.1");
            }
        }
        o.finish();
        return new ScrapeSpec(name, startUrls, follow, extract, screenshots, blockSignals, browser, timeouts,
                allowHosts);
    }

    private static Follow follow(StrictObject o) {
        String selector = o.requiredString("selector");
        checkSelector(selector, o.path("selector"), o.has("selector"), o.problems());
        int maxDepth = o.integer("maxDepth", 1, 0, 20);
        int maxPages = o.integer("maxPages", 1000, 1, 100_000);
        boolean sameSite = o.bool("sameSite", true);
        o.finish();
        return new Follow(selector, maxDepth, maxPages, sameSite);
    }

    private static Extract extract(StrictObject o) {
        Optional<String> urlPattern = o.optionalString("urlPattern");
        urlPattern.ifPresent(r -> checkRegex(r, o.path("urlPattern"), o.problems()));
        Optional<String> waitFor = o.optionalString("waitFor");
        waitFor.ifPresent(s -> checkSelector(s, o.path("waitFor"), true, o.problems()));
        Optional<String> itemSelector = o.optionalString("itemSelector");
        itemSelector.ifPresent(s -> checkSelector(s, o.path("itemSelector"), true, o.problems()));
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        o.objects("fields").forEach((name, f) -> {
            if (name.isBlank()) {
                o.problems().add(f.path(""), "field names must not be empty");
            }
            String selector = f.requiredString("selector");
            checkSelector(selector, f.path("selector"), f.has("selector"), f.problems());
            Optional<String> attribute = f.optionalString("attribute");
            if (attribute.isPresent() && attribute.get().isBlank()) {
                f.problems().add(f.path("attribute"), "must not be empty; leave it out to take the element's text");
            }
            boolean all = f.bool("all", false);
            f.finish();
            fields.put(name, new FieldRule(selector, attribute, all));
        });
        o.finish();
        return new Extract(urlPattern, waitFor, itemSelector, fields);
    }

    private static ScreenshotPolicy screenshots(StrictObject o) {
        String when = o.string("when", "always");
        ScreenshotPolicy.When parsed = ScreenshotPolicy.When.fromWire(when).orElseGet(() -> {
            o.problems().add(o.path("when"), "must be one of always, onFailure, never; was \"" + when + "\"");
            return ScreenshotPolicy.When.ALWAYS;
        });
        boolean fullPage = o.bool("fullPage", false);
        o.finish();
        return new ScreenshotPolicy(parsed, fullPage);
    }

    private static BlockSignals blockSignals(StrictObject o) {
        List<String> selectors = o.strings("selectors");
        for (int i = 0; i < selectors.size(); i++) {
            checkSelector(selectors.get(i), o.path("selectors") + "[" + i + "]", true, o.problems());
        }
        List<String> texts = o.strings("texts");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                o.problems().add(o.path("texts") + "[" + i + "]", "must not be empty");
            }
        }
        List<String> urlPatterns = o.strings("urlPatterns");
        for (int i = 0; i < urlPatterns.size(); i++) {
            checkRegex(urlPatterns.get(i), o.path("urlPatterns") + "[" + i + "]", o.problems());
        }
        List<Integer> statusCodes = o.integers("statusCodes", 100, 599);
        o.finish();
        return new BlockSignals(selectors, texts, urlPatterns, statusCodes);
    }

    private static BrowserProfile browser(StrictObject o) {
        Optional<String> userAgent = o.optionalString("userAgent");
        if (userAgent.isPresent() && userAgent.get().isBlank()) {
            o.problems().add(o.path("userAgent"), "must not be empty; use null to keep the browser's own");
        }
        String locale = o.string("locale", "en-US");
        try {
            new Locale.Builder().setLanguageTag(locale);
        } catch (IllformedLocaleException e) {
            o.problems().add(o.path("locale"), "must be a BCP 47 language tag such as en-US, was \"" + locale + "\"");
        }
        String timezoneId = o.string("timezoneId", "UTC");
        checkZone(timezoneId, o.path("timezoneId"), o.problems());
        Viewport viewport = o.object("viewport").map(v -> {
            int width = v.integer("width", 1280, 100, 10_000);
            int height = v.integer("height", 800, 100, 10_000);
            v.finish();
            return new Viewport(width, height);
        }).orElse(Viewport.defaults());
        Map<String, String> headers = o.stringMap("headers");
        o.finish();
        return new BrowserProfile(userAgent.filter(s -> !s.isBlank()), locale, timezoneId, viewport, headers);
    }

    private static Timeouts timeouts(StrictObject o) {
        int navigationMs = o.integer("navigationMs", 30_000, Timeouts.MIN_MS, Timeouts.MAX_NAVIGATION_MS);
        int jobMs = o.integer("jobMs", 120_000, Timeouts.MIN_MS, Timeouts.MAX_JOB_MS);
        if (jobMs < navigationMs) {
            o.problems().add(o.path("jobMs"), "must be at least navigationMs (" + navigationMs + ")");
        }
        o.finish();
        return new Timeouts(navigationMs, jobMs);
    }

    /** Public so that schedules and the console validate zones the same way. */
    public static void checkZone(String zone, String path, Problems problems) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add(path, "unknown time zone \"" + zone + "\"; use an IANA name such as Europe/Berlin or UTC");
        }
    }

    public static void checkHttpUrl(String url, String path, Problems problems) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problems.add(path, "must be an http:// or https:// URL, was \"" + url + "\"");
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                problems.add(path, "has no host: \"" + url + "\"");
            }
        } catch (URISyntaxException e) {
            problems.add(path, "is not a valid URL (" + e.getReason() + "): \"" + url + "\"");
        }
    }

    private static void checkSelector(String selector, String path, boolean present, Problems problems) {
        if (present && selector.isBlank()) {
            problems.add(path, "must not be empty");
        }
    }

    private static void checkRegex(String regex, String path, Problems problems) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(path, "is not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
        }
    }
}
