package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.json.Json;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.collections.FXCollections;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The Logs screen's view, built in code: filter bar, the virtualized line list, a detail pane. */
public final class LogsView extends BorderPane {

    private static final long UPDATE_INTERVAL_NANOS = 50_000_000;
    /** Lines taken by the first update: enough to fill the list, few enough for cold code. */
    private static final int FIRST_BATCH = 250;
    /** Update frames faster than this let the batch grow; ones over twice this shrink it. */
    private static final long FRAME_TARGET_NANOS = 35_000_000;
    private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");

    private final LogsViewModel model;
    private final ListView<CanaryEvent> list = new ListView<>();
    private final ComboBox<Severity> severity = new ComboBox<>();
    // Prompts are one or two words so they fit a 1280 px window; the tooltips say what each matches.
    private final TextField schedule = filterField("schedule", "Schedule",
            "Only lines of this schedule (its id, exactly)");
    private final TextField run = filterField("run", "Run", "Only lines of this run (its id, exactly)");
    private final TextField job = filterField("job", "Job", "Only lines of this job (its id, exactly)");
    private final TextField env = filterField("env", "Environment",
            "Only lines from this environment, exactly: local, cloud-run, ...");
    private final TextField text = filterField("text", "Text", "Only lines whose message contains this text (any case)");
    private final AnimationTimer pump;

    public LogsView(LogsViewModel model, ZoneId zone) {
        this.model = model;
        getStyleClass().add("logs-screen");
        getStylesheets().add(LogsView.class.getResource("logs.css").toExternalForm());
        setTop(filterBar());
        setCenter(body(zone));
        Label status = new Label();
        status.setId("logs-status");
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
        warmUp(zone);
        AdaptiveBatch batch = new AdaptiveBatch(Math.min(FIRST_BATCH, model.maxBatch()), model.maxBatch(),
                FRAME_TARGET_NANOS);
        pump = new AnimationTimer() {
            private long lastDrain;
            private long updatedAt;

            @Override
            public void handle(long now) {
                if (updatedAt != 0) {
                    // The pulse that updated the list is over (layout, CSS, paint): its cost sizes the next batch.
                    batch.frameTook(now - updatedAt);
                    updatedAt = 0;
                }
                // At most one list update per UPDATE_INTERVAL: in a flood, each update costs a layout and a
                // repaint of the list, and frames in between stay free for input.
                if (now - lastDrain < UPDATE_INTERVAL_NANOS) {
                    return;
                }
                lastDrain = now;
                if (model.drain(batch.size()) > 0) {
                    updatedAt = now;
                    if (model.followProperty().get() && !list.getItems().isEmpty()) {
                        list.scrollTo(list.getItems().size() - 1);
                    }
                }
            }
        };
    }

    /** Starts draining the tail into the list once per frame. */
    public void startPump() {
        pump.start();
    }

    public void stopPump() {
        pump.stop();
    }

    private HBox filterBar() {
        severity.getItems().setAll(Severity.values());
        severity.setValue(Severity.DEFAULT);
        // The enum's DEFAULT means "no minimum"; shown raw it read like a severity of its own.
        severity.setConverter(new StringConverter<>() {
            @Override
            public String toString(Severity value) {
                return severityLabel(value);
            }

            @Override
            public Severity fromString(String string) {
                throw new UnsupportedOperationException("the severity list is not editable");
            }
        });
        severity.setId("logs-severity");
        severity.setTooltip(new Tooltip("Minimum severity"));
        severity.valueProperty().addListener((o, a, b) -> applyFilter());
        for (TextField f : List.of(schedule, run, job, env, text)) {
            f.textProperty().addListener((o, a, b) -> applyFilter());
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);

        ToggleButton follow = new ToggleButton("Follow", new FontIcon(Feather.ARROW_DOWN_CIRCLE));
        follow.setId("logs-follow");
        follow.setSelected(model.followProperty().get());
        follow.selectedProperty().addListener((o, a, b) -> model.setFollow(b));
        follow.setTooltip(new Tooltip("Keep the newest line in view"));

        Button reload = iconButton(Feather.REFRESH_CW, "Reload history from the backend for these filters");
        reload.setOnAction(e -> model.reload());
        Button clear = iconButton(Feather.TRASH_2, "Clear the view");
        clear.setOnAction(e -> model.clear());
        Button copy = iconButton(Feather.COPY, "Copy the selected lines as JSON (Ctrl+C)");
        copy.setOnAction(e -> copySelection());
        Button export = iconButton(Feather.DOWNLOAD, "Export the shown lines to a JSON-lines file");
        export.setId("logs-export");
        export.setOnAction(e -> exportShown());

        HBox bar = new HBox(6, severity, schedule, run, job, env, text, follow, reload, copy, export, clear);
        // The choice and the buttons keep their labels, as the fields keep their prompts (filterField).
        for (javafx.scene.Node n : List.of(severity, follow, reload, copy, export, clear)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    /**
     * Lays out and paints one sample line off screen. The first line ever shown costs tens of
     * milliseconds of first use (the cell's classes, its styles, the monospace font's glyphs); paid
     * here, when the screen opens, rather than in the first frame of a flood of lines.
     */
    private void warmUp(ZoneId zone) {
        CanaryEvent sample = CanaryEvent.of(Severity.WARNING, "warm-up: page done: 12 items, 30 links",
                Instant.EPOCH, new CanaryLabels("run-0", "job-0", "schedule", "local", "build"));
        ListView<CanaryEvent> probe = new ListView<>(FXCollections.observableArrayList(sample));
        probe.getStyleClass().add("log-list");
        probe.setFixedCellSize(20);
        probe.setCellFactory(v -> new LogLineCell(zone));
        javafx.scene.layout.StackPane root = new javafx.scene.layout.StackPane(probe);
        root.getStyleClass().add("logs-screen");
        root.getStylesheets().setAll(getStylesheets());
        new javafx.scene.Scene(root, 900, 60);
        probe.snapshot(null, null);
    }

    private SplitPane body(ZoneId zone) {
        list.setId("logs-list");
        list.getStyleClass().add("log-list");
        list.setItems(model.visibleLines());
        list.setFixedCellSize(20);
        list.setCellFactory(v -> new LogLineCell(zone));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.select(b));
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copySelection();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                model.openSelectedRun();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.openSelectedRun();
            }
        });

        TextArea detail = new TextArea();
        detail.setId("logs-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(10);
        model.selectedProperty().addListener((o, a, b) -> detail.setText(b == null ? "" : Json.writePretty(b)));

        ImageView shot = new ImageView();
        shot.setId("logs-screenshot");
        shot.setPreserveRatio(true);
        shot.setFitWidth(360);
        model.screenshotProperty().addListener((o, a, b) ->
                shot.setImage(b == null ? null : new Image(new ByteArrayInputStream(b))));
        Label shotKey = new Label();
        shotKey.textProperty().bind(model.screenshotKeyProperty());
        shotKey.setWrapText(true);
        javafx.scene.layout.StackPane framed = new javafx.scene.layout.StackPane(shot);
        framed.setStyle("-fx-border-color: -color-border-default; -fx-border-width: 1;");
        framed.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ScrollPane shotPane = new ScrollPane(framed);
        shotPane.setFitToWidth(true);
        VBox.setVgrow(shotPane, Priority.ALWAYS);

        Button openRun = new Button("Open run", new FontIcon(Feather.EXTERNAL_LINK));
        openRun.setId("logs-open-run");
        openRun.disableProperty().bind(model.selectedProperty().isNull());
        openRun.setOnAction(e -> model.openSelectedRun());

        VBox side = new VBox(6, new Label("Selected line"), detail, openRun, shotKey, shotPane);
        list.setMinWidth(0);
        side.setPadding(new Insets(0, 8, 0, 8));
        side.setMinWidth(260);
        SplitPane split = new SplitPane(list, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.7);
        return split;
    }

    private void applyFilter() {
        model.setFilter(new LogFilter(severity.getValue(), schedule.getText(), run.getText(), job.getText(),
                env.getText(), text.getText()));
    }

    /** Sets the filter fields (e.g. "show the logs of this run" from another screen). */
    public void showFilter(LogFilter filter) {
        severity.setValue(filter.minSeverity());
        schedule.setText(filter.schedule());
        run.setText(filter.run());
        job.setText(filter.job());
        env.setText(filter.env());
        text.setText(filter.text());
    }

    private void copySelection() {
        List<CanaryEvent> lines = List.copyOf(list.getSelectionModel().getSelectedItems());
        if (lines.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(LogsViewModel.asJsonLines(lines));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void exportShown() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export log lines");
        chooser.setInitialFileName("canary-logs.jsonl");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.export(file.toPath());
        }
    }

    private static TextField filterField(String id, String prompt, String tooltip) {
        TextField field = new TextField();
        field.setId("logs-filter-" + id);
        field.setPromptText(prompt);
        field.setTooltip(new Tooltip(tooltip));
        // Each field keeps the width of its prompt (a cut-off prompt leaves the operator guessing what the
        // field filters); the text field alone grows into the rest of the bar.
        field.setMinWidth(Region.USE_PREF_SIZE);
        field.setPrefColumnCount(Math.max(4, prompt.length()));
        return field;
    }

    /** What the severity choice shows: the minimum it lets through. */
    static String severityLabel(Severity value) {
        if (value == null || value == Severity.DEFAULT) {
            return "All severities";
        }
        return value.name().charAt(0) + value.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " and above";
    }

    private static Button iconButton(Feather icon, String tooltip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }
}
