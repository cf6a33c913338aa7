package dev.datafactory.console.testscrape;

import dev.datafactory.console.logs.LogLineCell;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.validation.Problem;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.ZoneId;
import java.util.Map;

/**
 * The Test scrape screen's view: the spec editor with its problems on the left; the followed run
 * (progress, canary lines, screenshots, verdict, fingerprint, items) on the right.
 */
public final class TestScrapeView extends BorderPane {

    private final TestScrapeViewModel model;
    private final TextArea editor = new TextArea();
    private final TableView<Map<String, String>> itemTable = new TableView<>();
    private final Timeline poller;

    public TestScrapeView(TestScrapeViewModel model, ZoneId zone) {
        this.model = model;
        setTop(toolbar());
        VBox editorPane = editorPane();
        TabPane runPane = runPane(zone);
        // Both sides may shrink: wide screenshots or long lines scroll inside instead of widening the window.
        editorPane.setMinWidth(0);
        runPane.setMinWidth(0);
        SplitPane split = new SplitPane(editorPane, runPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.42);
        setCenter(split);
        Label status = new Label();
        status.setId("test-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);

        poller = new Timeline(new KeyFrame(Duration.millis(500), e -> model.poll()));
        poller.setCycleCount(Timeline.INDEFINITE);
        model.stateProperty().addListener((o, a, b) -> {
            if (b.isFollowing()) {
                poller.play();
            } else {
                poller.stop();
            }
        });
    }

    public void stopPolling() {
        poller.stop();
    }

    private VBox toolbar() {
        ComboBox<Schedule> templates = new ComboBox<>(model.templates());
        templates.setId("test-template");
        templates.setPromptText("Load a schedule's template");
        templates.setConverter(new StringConverter<>() {
            @Override
            public String toString(Schedule s) {
                return s == null ? "" : s.name() + " (" + s.id() + ")";
            }

            @Override
            public Schedule fromString(String s) {
                return null;
            }
        });
        templates.setOnAction(e -> {
            if (templates.getValue() != null) {
                model.useTemplate(templates.getValue());
            }
        });
        Button open = new Button("Open spec…", new FontIcon(Feather.FOLDER));
        open.setId("test-open");
        open.setOnAction(e -> openFile());

        ComboBox<RunTarget> target = new ComboBox<>(model.targets());
        target.setId("test-target");
        target.setValue(model.targetProperty().get());
        target.valueProperty().addListener((o, a, b) -> model.setTarget(b));
        target.setPrefWidth(340);
        target.setTooltip(new Tooltip("Where the TEST job runs: the local worker, or Cloud Run through Pub/Sub."
                + " The cloud worker is offered once Settings name a GCP project."));

        Button run = new Button("Run", new FontIcon(Feather.PLAY));
        run.setId("test-run");
        run.getStyleClass().add("accent");
        run.setDefaultButton(false);
        run.disableProperty().bind(model.canRunProperty().not());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
        cancel.setId("test-cancel");
        cancel.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.stateProperty().get().isActive(), model.stateProperty()));
        cancel.setOnAction(e -> model.cancel());
        cancel.setCancelButton(true); // Esc, as in the schedule editor; a disabled button ignores it
        Tooltip cancelTip = new Tooltip();
        cancelTip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.stateProperty().get() == TestScrapeState.CANCELLING
                        ? "Stop following; the cancel request stays (Esc)"
                        : "Cancel the run: running jobs stop after their current page (Esc)", model.stateProperty()));
        cancel.setTooltip(cancelTip);

        ProgressBar progress = new ProgressBar();
        progress.setId("test-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(model.progressProperty());
        Label runId = new Label();
        runId.setId("test-run-id");
        runId.textProperty().bind(model.runIdProperty());
        Label state = new Label();
        state.setId("test-state");
        state.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.stateProperty().get().label(), model.stateProperty()));

        HBox source = new HBox(6, templates, open, new Label("Run on"), target, run, cancel);
        source.setAlignment(Pos.CENTER_LEFT);
        HBox followed = new HBox(8, progress, state, runId);
        followed.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Test scrape");
        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_3);
        Label subtitle = new Label("Run a spec once, on the local worker or in the cloud, and watch its evidence arrive.");
        subtitle.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        HBox heading = new HBox(12, title, subtitle);
        heading.setAlignment(Pos.BASELINE_LEFT);
        VBox bar = new VBox(6, heading, source, followed);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private VBox editorPane() {
        editor.setId("test-spec");
        editor.setStyle("-fx-font-family: monospace; -fx-font-size: 12px;");
        editor.setText(model.specTextProperty().get());
        editor.textProperty().addListener((o, a, b) -> {
            if (!b.equals(model.specTextProperty().get())) {
                model.setSpecText(b);
            }
        });
        model.specTextProperty().addListener((o, a, b) -> {
            if (!b.equals(editor.getText())) {
                editor.setText(b);
            }
        });
        VBox.setVgrow(editor, Priority.ALWAYS);

        ListView<Problem> problems = new ListView<>(model.problems());
        problems.setId("test-problems");
        problems.setPrefHeight(110);
        Label hint = new Label();
        hint.setId("test-spec-hint");
        hint.textProperty().bind(model.specHintProperty());
        problems.setPlaceholder(hint);
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : (p.path().isEmpty() ? "" : p.path() + ": ") + p.reason());
                getStyleClass().remove("field-error");
                if (!empty && p != null) {
                    getStyleClass().add("field-error");
                }
            }
        });
        model.problems().addListener((ListChangeListener<Problem>) c -> {
            editor.getStyleClass().remove("invalid");
            if (!model.problems().isEmpty()) {
                editor.getStyleClass().add("invalid");
            }
        });
        VBox pane = new VBox(6, new Label("Spec (JSON)"), editor, problems);
        pane.setPadding(new Insets(0, 8, 8, 8));
        return pane;
    }

    private TabPane runPane(ZoneId zone) {
        ListView<CanaryEvent> lines = new ListView<>(model.lines());
        lines.setId("test-lines");
        lines.getStyleClass().add("log-list");
        lines.getStylesheets().add(LogLineCell.class.getResource("logs.css").toExternalForm());
        lines.setCellFactory(v -> new LogLineCell(zone));
        lines.setFixedCellSize(20);
        lines.setPlaceholder(new Label("Canary lines of the run appear here as the worker writes them."));
        model.lines().addListener((ListChangeListener<CanaryEvent>) c -> {
            if (!lines.getItems().isEmpty()) {
                lines.scrollTo(lines.getItems().size() - 1);
            }
        });

        HBox shots = new HBox(8);
        shots.setId("test-screenshots");
        shots.setPadding(new Insets(8));
        model.screenshots().addListener((ListChangeListener<Screenshot>) c -> {
            shots.getChildren().clear();
            for (Screenshot s : model.screenshots()) {
                ImageView image = new ImageView(new Image(new ByteArrayInputStream(s.png())));
                image.setPreserveRatio(true);
                image.setFitWidth(320);
                Label caption = new Label(s.step());
                javafx.scene.layout.StackPane framed = new javafx.scene.layout.StackPane(image);
                framed.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1;");
                VBox card = new VBox(4, caption, framed);
                card.getStyleClass().add("test-screenshot");
                shots.getChildren().add(card);
            }
        });
        ScrollPane shotPane = new ScrollPane(shots);
        shotPane.setFitToHeight(true);
        VBox.setVgrow(shotPane, Priority.ALWAYS);
        Label shotsTitle = new Label();
        shotsTitle.textProperty().bind(javafx.beans.binding.Bindings.size(model.screenshots()).asString(
                "%d screenshot(s)"));

        SplitPane live = new SplitPane(lines, new VBox(4, shotsTitle, shotPane));
        live.setOrientation(Orientation.VERTICAL);
        live.setDividerPositions(0.55);

        Label verdict = new Label();
        verdict.setId("test-verdict");
        verdict.textProperty().bind(model.verdictProperty());
        verdict.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
        TableView<Map.Entry<String, String>> fingerprint = new TableView<>(model.fingerprint());
        fingerprint.setId("test-fingerprint");
        fingerprint.setPlaceholder(new Label("The environment fingerprint appears when the run finishes."));
        fingerprint.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Map.Entry<String, String>, String> key = new TableColumn<>("Fingerprint");
        key.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getKey()));
        key.setPrefWidth(160);
        TableColumn<Map.Entry<String, String>, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue()));
        fingerprint.getColumns().setAll(java.util.List.of(key, value));
        VBox.setVgrow(fingerprint, Priority.ALWAYS);
        VBox outcome = new VBox(8, new Label("Verdict"), verdict, fingerprint);
        outcome.setPadding(new Insets(8));

        itemTable.setId("test-items");
        itemTable.setPlaceholder(new Label("Extracted items appear when the run finishes."));
        model.itemsProperty().addListener((o, a, b) -> showItems(b));

        TabPane tabs = new TabPane(new Tab("Live", live), new Tab("Verdict & fingerprint", outcome),
                new Tab("Items", itemTable));
        tabs.setId("test-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.stateProperty().addListener((o, a, b) -> {
            if (b == TestScrapeState.RUNNING) {
                tabs.getSelectionModel().select(0);
            }
        });
        model.itemsProperty().addListener((o, a, b) -> tabs.getTabs().get(2).setText("Items (" + b.rows().size() + ")"));
        return tabs;
    }

    private void showItems(ItemPreview preview) {
        itemTable.getColumns().clear();
        for (String column : preview.columns()) {
            TableColumn<Map<String, String>, String> c = new TableColumn<>(column);
            c.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().getOrDefault(column, "")));
            c.setPrefWidth(column.equals("url") ? 260 : 160);
            itemTable.getColumns().add(c);
        }
        itemTable.getItems().setAll(preview.rows());
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scrape spec");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scrape spec (JSON)", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            model.openFile(file.toPath());
        }
    }
}
