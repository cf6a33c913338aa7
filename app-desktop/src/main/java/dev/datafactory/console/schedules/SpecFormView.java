package dev.datafactory.console.schedules;

import atlantafx.base.theme.Styles;
import dev.datafactory.model.spec.ScreenshotPolicy;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The job template as a form: one section per part of the spec, each field tied to its JSON path. */
final class SpecFormView extends ScrollPane {

    private final SpecFormViewModel vm;
    private final FieldErrors errors;
    private final Tab tab;
    private final TabPane tabs;
    private final GridPane grid = new GridPane();
    private final VBox fieldRows = new VBox(4);
    private int row;

    SpecFormView(SpecFormViewModel vm, FieldErrors errors, Tab tab, TabPane tabs) {
        this.vm = vm;
        this.errors = errors;
        this.tab = tab;
        this.tabs = tabs;
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        ColumnConstraints labels = new ColumnConstraints(150);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, inputs);

        section("Pages");
        text("Spec name", "spec-name", vm.nameProperty(), "template.name", "a short name for this scrape");
        area("Start URLs", "spec-start-urls", vm.startUrlsProperty(), "template.startUrls", "one URL per line", 3);

        section("Link following");
        CheckBox follow = new CheckBox("Follow links from the start pages");
        follow.setId("spec-follow-enabled");
        follow.selectedProperty().bindBidirectional(vm.followEnabledProperty());
        add("", follow, null);
        TextField followSelector = text("Link selector", "spec-follow-selector", vm.followSelectorProperty(),
                "template.follow.selector", "CSS selector of links to follow, e.g. a.product-link");
        TextField depth = text("Max depth", "spec-follow-depth", vm.followMaxDepthProperty(),
                "template.follow.maxDepth", "0-20");
        TextField pages = text("Max pages", "spec-follow-pages", vm.followMaxPagesProperty(),
                "template.follow.maxPages", "1-100000");
        CheckBox sameSite = new CheckBox("Same site only");
        sameSite.selectedProperty().bindBidirectional(vm.followSameSiteProperty());
        add("", sameSite, null);
        depth.setMaxWidth(160);
        pages.setMaxWidth(160);
        for (Node n : new Node[] {followSelector, depth, pages, sameSite}) {
            n.disableProperty().bind(vm.followEnabledProperty().not());
        }

        section("Extraction");
        text("URL pattern", "spec-url-pattern", vm.urlPatternProperty(), "template.extract.urlPattern",
                "regular expression of pages to extract from; empty = every page");
        text("Wait for", "spec-wait-for", vm.waitForProperty(), "template.extract.waitFor",
                "CSS selector to wait for before extracting");
        text("Item selector", "spec-item-selector", vm.itemSelectorProperty(), "template.extract.itemSelector",
                "one item per match; empty = one item per page");
        Button addField = new Button("Add field", new FontIcon(Feather.PLUS));
        addField.setId("spec-add-field");
        addField.getStyleClass().add(Styles.SMALL);
        addField.setOnAction(e -> vm.fields().add(new FieldRow("", "", "", false)));
        VBox fieldsBox = new VBox(6, fieldRows, addField);
        add("Fields", fieldsBox, errors.register("template.extract.fields", fieldsBox, tab, tabs));
        vm.fields().addListener((ListChangeListener<FieldRow>) c -> rebuildFieldRows());
        rebuildFieldRows();

        section("Screenshots");
        ComboBox<ScreenshotPolicy.When> when = new ComboBox<>();
        when.setId("spec-screenshots-when");
        when.getItems().setAll(ScreenshotPolicy.When.values());
        when.valueProperty().bindBidirectional(vm.screenshotsWhenProperty());
        CheckBox fullPage = new CheckBox("Full page");
        fullPage.selectedProperty().bindBidirectional(vm.fullPageProperty());
        HBox shots = new HBox(12, when, fullPage);
        shots.setAlignment(Pos.CENTER_LEFT);
        add("Take screenshots", shots, errors.register("template.screenshots", when, tab, tabs));

        section("Block signals");
        area("Selectors", "spec-block-selectors", vm.blockSelectorsProperty(), "template.blockSignals.selectors",
                "one CSS selector per line, e.g. #captcha", 2);
        area("Texts", "spec-block-texts", vm.blockTextsProperty(), "template.blockSignals.texts",
                "one text per line, e.g. unusual traffic", 2);
        area("URL patterns", "spec-block-urls", vm.blockUrlPatternsProperty(), "template.blockSignals.urlPatterns",
                "one regular expression per line, e.g. /login", 2);
        text("Status codes", "spec-block-status", vm.blockStatusCodesProperty(), "template.blockSignals.statusCodes",
                "e.g. 403, 429");

        section("Browser profile");
        text("User agent", "spec-user-agent", vm.userAgentProperty(), "template.browser.userAgent",
                "empty = the browser's own");
        text("Locale", "spec-locale", vm.localeProperty(), "template.browser.locale", "e.g. en-US");
        text("Time zone", "spec-browser-zone", vm.browserTimezoneProperty(), "template.browser.timezoneId",
                "IANA name, e.g. Europe/Berlin");
        TextField width = field("spec-viewport-width", vm.viewportWidthProperty(), "width");
        TextField height = field("spec-viewport-height", vm.viewportHeightProperty(), "height");
        width.setPrefColumnCount(6);
        height.setPrefColumnCount(6);
        HBox viewport = new HBox(6, width, new Label("×"), height);
        viewport.setAlignment(Pos.CENTER_LEFT);
        Label viewportErrors = errors.register("template.browser.viewport", viewport, tab, tabs);
        add("Viewport", viewport, viewportErrors);
        area("Extra headers", "spec-headers", vm.headersProperty(), "template.browser.headers",
                "one per line: Name: value", 2);

        section("Limits");
        text("Navigation timeout (ms)", "spec-navigation-ms", vm.navigationMsProperty(),
                "template.timeouts.navigationMs", "1000-300000").setMaxWidth(160);
        text("Job timeout (ms)", "spec-job-ms", vm.jobMsProperty(), "template.timeouts.jobMs", "1000-3600000")
                .setMaxWidth(160);
        text("Allowed private hosts", "spec-allow-hosts", vm.allowHostsProperty(), "template.allowHosts",
                "hosts exempt from the private-address guard, e.g. 127.0.0.1");

        setContent(grid);
        setFitToWidth(true);
    }

    private void rebuildFieldRows() {
        fieldRows.getChildren().clear();
        int i = 0;
        for (FieldRow f : vm.fields()) {
            TextField name = field("spec-field-name-" + i, f.nameProperty(), "name");
            TextField selector = field("spec-field-selector-" + i, f.selectorProperty(), "CSS selector");
            TextField attribute = field("spec-field-attribute-" + i, f.attributeProperty(), "attribute (optional)");
            name.setPrefColumnCount(8);
            attribute.setPrefColumnCount(8);
            HBox.setHgrow(selector, Priority.ALWAYS);
            CheckBox all = new CheckBox("all");
            all.selectedProperty().bindBidirectional(f.allProperty());
            Button remove = new Button(null, new FontIcon(Feather.TRASH_2));
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            remove.setOnAction(e -> vm.fields().remove(f));
            HBox line = new HBox(6, name, selector, attribute, all, remove);
            line.setAlignment(Pos.CENTER_LEFT);
            fieldRows.getChildren().add(line);
            i++;
        }
    }

    private void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().addAll("form-section-title", Styles.TITLE_4);
        grid.add(l, 0, row++, 2, 1);
    }

    private TextField text(String label, String id, StringProperty value, String path, String prompt) {
        TextField f = field(id, value, prompt);
        add(label, f, errors.register(path, f, tab, tabs));
        return f;
    }

    private void area(String label, String id, StringProperty value, String path, String prompt, int rows) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(rows);
        a.textProperty().bindBidirectional(value);
        add(label, a, errors.register(path, a, tab, tabs));
    }

    private static TextField field(String id, StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private void add(String label, Node input, Label error) {
        Label l = new Label(label);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new Insets(4, 0, 0, 0));
        VBox box = error == null ? new VBox(input) : new VBox(2, input, error);
        grid.add(l, 0, row);
        grid.add(box, 1, row++);
        if (input instanceof TextInputControl t) {
            t.setMaxWidth(Double.MAX_VALUE);
        }
    }
}
