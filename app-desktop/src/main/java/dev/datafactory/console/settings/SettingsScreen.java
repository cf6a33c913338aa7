package dev.datafactory.console.settings;

import atlantafx.base.theme.Styles;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Settings: the backend the console works on, and a connection test that says what works. */
public final class SettingsScreen implements Screen {

    private record FieldView(String field, TextField input, Label error) {
    }

    private final SettingsViewModel vm;
    private final List<FieldView> fields = new ArrayList<>();
    private Node view;

    public SettingsScreen(ConsoleContext context, BackendSettings active, BackendConnector connector,
                          Supplier<Optional<InProcessWorker>> inProcessWorker) {
        this.vm = new SettingsViewModel(context, active, connector, new SettingsStore(context.dataDir()),
                inProcessWorker);
    }

    @Override
    public Node view() {
        if (view == null) {
            view = build();
        }
        return view;
    }

    @Override
    public void activate() {
        // The form edits local state only; nothing to observe while hidden.
    }

    @Override
    public void deactivate() {
        vm.cancel();
    }

    @Override
    public boolean handle(ScreenAction action) {
        if (action == ScreenAction.RUN) {
            vm.testConnection();
            return true;
        }
        return false;
    }

    private Node build() {
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_3);
        Label current = new Label();
        current.setId("settings-current");
        current.textProperty().bind(vm.currentProperty().map(c -> "Working on: " + c));
        current.getStyleClass().add(Styles.TEXT_MUTED);

        ToggleGroup kinds = new ToggleGroup();
        RadioButton local = new RadioButton("Local factory (this machine)");
        local.setId("settings-local");
        RadioButton gcp = new RadioButton("Google Cloud project");
        gcp.setId("settings-gcp");
        local.setToggleGroup(kinds);
        gcp.setToggleGroup(kinds);
        vm.kindProperty().subscribe(k -> (k == BackendSettings.Kind.GCP ? gcp : local).setSelected(true));
        kinds.selectedToggleProperty().subscribe(t -> vm.kindProperty().set(t == gcp ? BackendSettings.Kind.GCP
                : BackendSettings.Kind.LOCAL));
        HBox kindRow = new HBox(24, local, gcp);
        // Both backends' fields stay editable: the other one is offered side by side in Test scrape's "Run on".
        Label both = new Label();
        both.setId("settings-both-hint");
        both.setWrapText(true);
        both.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        both.textProperty().bind(vm.kindProperty().map(k -> k == BackendSettings.Kind.LOCAL
                ? "A GCP project named below is optional here: Test scrape then offers its cloud worker beside the"
                + " local one."
                : "The data directory stays useful here: Test scrape offers its local worker (run factory up on it)"
                + " beside the cloud one."));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.getColumnConstraints().setAll(new ColumnConstraints(140), grow());
        int row = 0;
        row = field(grid, row, "Data directory", "settings-data-dir", "dataDir", vm.dataDirProperty(),
                "~/.datafactory", BackendSettings.Kind.LOCAL);
        row = field(grid, row, "Project", "settings-project", "gcpProject", vm.projectProperty(), "my-scraper-prod",
                BackendSettings.Kind.GCP);
        row = field(grid, row, "Region", "settings-region", "gcpRegion", vm.regionProperty(), "europe-west1",
                BackendSettings.Kind.GCP);
        row = field(grid, row, "Pub/Sub topic", "settings-topic", "topic", vm.topicProperty(), "datafactory-jobs",
                BackendSettings.Kind.GCP);
        row = field(grid, row, "Bucket", "settings-bucket", "bucket", vm.bucketProperty(), "my-scraper-artifacts",
                BackendSettings.Kind.GCP);
        field(grid, row, "Worker URL", "settings-worker-url", "workerUrl", vm.workerUrlProperty(),
                "https://worker-abc-ew.a.run.app (optional: checks /healthz)", null);
        vm.problems().addListener((ListChangeListener<dev.datafactory.model.validation.Problem>) c -> showProblems());
        showProblems();

        Button test = new Button("Test connection", new FontIcon(Feather.ZAP));
        test.setId("settings-test");
        test.setTooltip(new javafx.scene.control.Tooltip("Try every port of the backend (Ctrl+R)"));
        test.setOnAction(e -> vm.testConnection());
        Button apply = new Button("Save and switch", new FontIcon(Feather.CHECK));
        apply.setId("settings-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> vm.apply());
        test.disableProperty().bind(vm.busyProperty());
        apply.disableProperty().bind(vm.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("settings-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        HBox actions = new HBox(8, test, apply, progress, status);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox checks = new VBox(6);
        checks.setId("settings-checks");
        checks.getStyleClass().add("check-list");
        Label none = new Label("Press Test connection to try each part of the backend in turn.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        checks.getChildren().setAll(none);
        vm.checks().addListener((ListChangeListener<CheckItem>) c -> checks.getChildren().setAll(
                vm.checks().isEmpty() ? List.of(none) : vm.checks().stream().map(SettingsScreen::checkLine).toList()));
        Label checksTitle = new Label("Connection test");
        checksTitle.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label("Shortcuts: Ctrl+1…6 screens, Ctrl+N new schedule, Ctrl+R run, Ctrl+S save,"
                + " Del delete schedule, Esc cancel, F5 refresh, Ctrl+Shift+D light/dark theme.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox box = new VBox(12, new VBox(2, title, current), section("Backend"), new VBox(4, kindRow, both), grid,
                actions, checksTitle,
                checks, hint);
        box.setPadding(new Insets(16, 20, 16, 20));
        box.setMaxWidth(900);
        box.setId("settings-screen");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private int field(GridPane grid, int row, String label, String id, String field, StringProperty value,
                      String prompt, BackendSettings.Kind onlyFor) {
        TextField input = new TextField();
        input.setId(id);
        input.setPromptText(prompt);
        input.textProperty().bindBidirectional(value);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        error.setId(id + "-error");
        Label l = new Label(label);
        VBox box = new VBox(2, input, error);
        if (onlyFor != null) {
            // The other backend's fields are dimmed, not disabled: they feed Test scrape's second target.
            var relevant = Bindings.equal(vm.kindProperty(), onlyFor);
            l.opacityProperty().bind(Bindings.when(relevant).then(1.0).otherwise(0.6));
        }
        grid.add(l, 0, row);
        grid.add(box, 1, row);
        fields.add(new FieldView(field, input, error));
        return row + 1;
    }

    private void showProblems() {
        for (FieldView f : fields) {
            List<String> reasons = vm.problemsAt(f.field());
            f.error().setText(String.join("\n", reasons));
            f.error().setVisible(!reasons.isEmpty());
            f.input().getStyleClass().remove("invalid");
            if (!reasons.isEmpty()) {
                f.input().getStyleClass().add("invalid");
            }
        }
    }

    /** A check line: a coloured icon for the outcome, what was tried, and the detail or fix. */
    private static Label checkLine(CheckItem item) {
        FontIcon icon = new FontIcon(switch (item.outcome()) {
            case OK -> Feather.CHECK_CIRCLE;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case FAILED -> Feather.X_CIRCLE;
            case SKIPPED -> Feather.MINUS_CIRCLE;
        });
        icon.getStyleClass().add(switch (item.outcome()) {
            case OK -> Styles.SUCCESS;
            case WARNING -> Styles.WARNING;
            case FAILED -> Styles.DANGER;
            case SKIPPED -> Styles.TEXT_MUTED;
        });
        Label line = new Label(item.what() + ": " + item.detail(), icon);
        line.setWrapText(true);
        line.setGraphicTextGap(8);
        line.setUserData(item);
        return line;
    }
}
