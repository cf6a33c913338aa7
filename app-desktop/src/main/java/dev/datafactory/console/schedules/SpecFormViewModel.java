package dev.datafactory.console.schedules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafactory.model.json.Json;
import dev.datafactory.model.spec.BlockSignals;
import dev.datafactory.model.spec.BrowserProfile;
import dev.datafactory.model.spec.Extract;
import dev.datafactory.model.spec.FieldRule;
import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScreenshotPolicy;
import dev.datafactory.model.spec.Timeouts;
import dev.datafactory.model.validation.Problems;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The job template (a {@link ScrapeSpec}) as form fields. Lists are edited one item per line;
 * numbers as text, so that a typo is reported at its field instead of being swallowed. The form
 * does not validate the spec itself: {@link #toTree(String, Problems)} writes the JSON the worker
 * reads and the shared codec judges it, so the console accepts exactly what the worker accepts.
 */
public final class SpecFormViewModel {

    final StringProperty name = new SimpleStringProperty(this, "name", "");
    final StringProperty startUrls = new SimpleStringProperty(this, "startUrls", "");
    final BooleanProperty followEnabled = new SimpleBooleanProperty(this, "followEnabled", false);
    final StringProperty followSelector = new SimpleStringProperty(this, "followSelector", "");
    final StringProperty followMaxDepth = new SimpleStringProperty(this, "followMaxDepth", "1");
    final StringProperty followMaxPages = new SimpleStringProperty(this, "followMaxPages", "1000");
    final BooleanProperty followSameSite = new SimpleBooleanProperty(this, "followSameSite", true);
    final StringProperty urlPattern = new SimpleStringProperty(this, "urlPattern", "");
    final StringProperty waitFor = new SimpleStringProperty(this, "waitFor", "");
    final StringProperty itemSelector = new SimpleStringProperty(this, "itemSelector", "");
    private final ObservableList<FieldRow> fields = FXCollections.observableArrayList();
    final ObjectProperty<ScreenshotPolicy.When> screenshotsWhen =
            new SimpleObjectProperty<>(this, "screenshotsWhen", ScreenshotPolicy.When.ALWAYS);
    final BooleanProperty fullPage = new SimpleBooleanProperty(this, "fullPage", false);
    final StringProperty blockSelectors = new SimpleStringProperty(this, "blockSelectors", "");
    final StringProperty blockTexts = new SimpleStringProperty(this, "blockTexts", "");
    final StringProperty blockUrlPatterns = new SimpleStringProperty(this, "blockUrlPatterns", "");
    final StringProperty blockStatusCodes = new SimpleStringProperty(this, "blockStatusCodes", "");
    final StringProperty userAgent = new SimpleStringProperty(this, "userAgent", "");
    final StringProperty locale = new SimpleStringProperty(this, "locale", "en-US");
    final StringProperty browserTimezone = new SimpleStringProperty(this, "browserTimezone", "UTC");
    final StringProperty viewportWidth = new SimpleStringProperty(this, "viewportWidth", "1280");
    final StringProperty viewportHeight = new SimpleStringProperty(this, "viewportHeight", "800");
    final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    final StringProperty navigationMs = new SimpleStringProperty(this, "navigationMs", "30000");
    final StringProperty jobMs = new SimpleStringProperty(this, "jobMs", "120000");
    final StringProperty allowHosts = new SimpleStringProperty(this, "allowHosts", "");

    // Public accessors: the view binds to these; tests set them as an operator would type.
    public StringProperty nameProperty() { return name; }
    public StringProperty startUrlsProperty() { return startUrls; }
    public BooleanProperty followEnabledProperty() { return followEnabled; }
    public StringProperty followSelectorProperty() { return followSelector; }
    public StringProperty followMaxDepthProperty() { return followMaxDepth; }
    public StringProperty followMaxPagesProperty() { return followMaxPages; }
    public BooleanProperty followSameSiteProperty() { return followSameSite; }
    public StringProperty urlPatternProperty() { return urlPattern; }
    public StringProperty waitForProperty() { return waitFor; }
    public StringProperty itemSelectorProperty() { return itemSelector; }
    public ObservableList<FieldRow> fields() { return fields; }
    public ObjectProperty<ScreenshotPolicy.When> screenshotsWhenProperty() { return screenshotsWhen; }
    public BooleanProperty fullPageProperty() { return fullPage; }
    public StringProperty blockSelectorsProperty() { return blockSelectors; }
    public StringProperty blockTextsProperty() { return blockTexts; }
    public StringProperty blockUrlPatternsProperty() { return blockUrlPatterns; }
    public StringProperty blockStatusCodesProperty() { return blockStatusCodes; }
    public StringProperty userAgentProperty() { return userAgent; }
    public StringProperty localeProperty() { return locale; }
    public StringProperty browserTimezoneProperty() { return browserTimezone; }
    public StringProperty viewportWidthProperty() { return viewportWidth; }
    public StringProperty viewportHeightProperty() { return viewportHeight; }
    public StringProperty headersProperty() { return headers; }
    public StringProperty navigationMsProperty() { return navigationMs; }
    public StringProperty jobMsProperty() { return jobMs; }
    public StringProperty allowHostsProperty() { return allowHosts; }

    /** Fills the form from a spec (loading a schedule, or leaving the JSON tab). */
    public void load(ScrapeSpec spec) {
        name.set(spec.name());
        startUrls.set(String.join("\n", spec.startUrls()));
        followEnabled.set(spec.follow().isPresent());
        spec.follow().ifPresent(f -> {
            followSelector.set(f.selector());
            followMaxDepth.set(String.valueOf(f.maxDepth()));
            followMaxPages.set(String.valueOf(f.maxPages()));
            followSameSite.set(f.sameSite());
        });
        Extract e = spec.extract();
        urlPattern.set(e.urlPattern().orElse(""));
        waitFor.set(e.waitFor().orElse(""));
        itemSelector.set(e.itemSelector().orElse(""));
        fields.setAll(e.fields().entrySet().stream().map(en -> new FieldRow(en.getKey(), en.getValue().selector(),
                en.getValue().attribute().orElse(""), en.getValue().all())).toList());
        screenshotsWhen.set(spec.screenshots().when());
        fullPage.set(spec.screenshots().fullPage());
        BlockSignals b = spec.blockSignals();
        blockSelectors.set(String.join("\n", b.selectors()));
        blockTexts.set(String.join("\n", b.texts()));
        blockUrlPatterns.set(String.join("\n", b.urlPatterns()));
        blockStatusCodes.set(b.statusCodes().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        BrowserProfile p = spec.browser();
        userAgent.set(p.userAgent().orElse(""));
        locale.set(p.locale());
        browserTimezone.set(p.timezoneId());
        viewportWidth.set(String.valueOf(p.viewport().width()));
        viewportHeight.set(String.valueOf(p.viewport().height()));
        headers.set(p.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
                .collect(Collectors.joining("\n")));
        Timeouts t = spec.timeouts();
        navigationMs.set(String.valueOf(t.navigationMs()));
        jobMs.set(String.valueOf(t.jobMs()));
        allowHosts.set(String.join(", ", spec.allowHosts()));
    }

    /**
     * The spec as JSON, as the worker reads it. What the form itself can tell is wrong (a number
     * that is not one, a header line without a colon) goes to {@code problems} under
     * {@code pathPrefix}; the rest is for the codec to judge.
     */
    public ObjectNode toTree(String pathPrefix, Problems problems) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("name", name.get().trim());
        strings(root.putArray("startUrls"), lines(startUrls.get()));
        if (followEnabled.get()) {
            ObjectNode f = root.putObject("follow");
            f.put("selector", followSelector.get().trim());
            number(f, "maxDepth", followMaxDepth.get(), pathPrefix + "follow.maxDepth", problems);
            number(f, "maxPages", followMaxPages.get(), pathPrefix + "follow.maxPages", problems);
            f.put("sameSite", followSameSite.get());
        }
        ObjectNode extract = root.putObject("extract");
        optional(extract, "urlPattern", urlPattern.get());
        optional(extract, "waitFor", waitFor.get());
        optional(extract, "itemSelector", itemSelector.get());
        ObjectNode fieldsNode = extract.putObject("fields");
        for (int i = 0; i < fields.size(); i++) {
            FieldRow row = fields.get(i);
            String fieldName = row.nameProperty().get().trim();
            if (fieldName.isEmpty()) {
                problems.add(pathPrefix + "extract.fields", "row " + (i + 1) + " has no name; give every field a"
                        + " name such as \"price\" or remove the row");
                continue;
            }
            if (fieldsNode.has(fieldName)) {
                problems.add(pathPrefix + "extract.fields." + fieldName, "is defined twice; field names must be"
                        + " unique");
                continue;
            }
            ObjectNode f = fieldsNode.putObject(fieldName);
            f.put("selector", row.selectorProperty().get().trim());
            optional(f, "attribute", row.attributeProperty().get());
            if (row.allProperty().get()) {
                f.put("all", true);
            }
        }
        ObjectNode shots = root.putObject("screenshots");
        shots.put("when", screenshotsWhen.get().wire());
        shots.put("fullPage", fullPage.get());
        ObjectNode block = root.putObject("blockSignals");
        strings(block.putArray("selectors"), lines(blockSelectors.get()));
        strings(block.putArray("texts"), lines(blockTexts.get()));
        strings(block.putArray("urlPatterns"), lines(blockUrlPatterns.get()));
        ArrayNode codes = block.putArray("statusCodes");
        List<String> codeTexts = items(blockStatusCodes.get());
        for (String code : codeTexts) {
            if (code.matches("\\d{1,9}")) {
                codes.add(Integer.parseInt(code));
            } else {
                problems.add(pathPrefix + "blockSignals.statusCodes", "\"" + code + "\" is not an HTTP status"
                        + " code; list numbers such as 403, 429");
            }
        }
        ObjectNode browser = root.putObject("browser");
        if (userAgent.get().isBlank()) {
            browser.putNull("userAgent");
        } else {
            browser.put("userAgent", userAgent.get().trim());
        }
        browser.put("locale", locale.get().trim());
        browser.put("timezoneId", browserTimezone.get().trim());
        ObjectNode viewport = browser.putObject("viewport");
        number(viewport, "width", viewportWidth.get(), pathPrefix + "browser.viewport.width", problems);
        number(viewport, "height", viewportHeight.get(), pathPrefix + "browser.viewport.height", problems);
        ObjectNode headerNode = browser.putObject("headers");
        List<String> headerLines = lines(headers.get());
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(pathPrefix + "browser.headers", "\"" + line + "\" is not a header; write one per line"
                        + " as Name: value");
            } else {
                headerNode.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        ObjectNode timeouts = root.putObject("timeouts");
        number(timeouts, "navigationMs", navigationMs.get(), pathPrefix + "timeouts.navigationMs", problems);
        number(timeouts, "jobMs", jobMs.get(), pathPrefix + "timeouts.jobMs", problems);
        strings(root.putArray("allowHosts"), items(allowHosts.get()));
        return root;
    }

    /** A new schedule's template: one start URL to fill in, screenshots always. */
    public static ScrapeSpec starter(String name) {
        return new ScrapeSpec(name, List.of("https://example.com/"), Optional.empty(),
                new Extract(Optional.empty(), Optional.empty(), Optional.empty(), Map.of("title", FieldRule.text("h1"))),
                ScreenshotPolicy.defaults(), BlockSignals.none(), BrowserProfile.defaults(), Timeouts.defaults(),
                List.of());
    }

    private static void number(ObjectNode node, String field, String text, String path, Problems problems) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return;
        }
        try {
            node.put(field, Integer.parseInt(t));
        } catch (NumberFormatException e) {
            problems.add(path, "must be a whole number, was \"" + t + "\"");
        }
    }

    private static void optional(ObjectNode node, String field, String text) {
        if (text != null && !text.isBlank()) {
            node.put(field, text.trim());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    /** Non-blank lines, trimmed. */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Items separated by commas, spaces or new lines. */
    static List<String> items(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
