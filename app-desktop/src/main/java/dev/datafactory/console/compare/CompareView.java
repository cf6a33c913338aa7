package dev.datafactory.console.compare;

import dev.datafactory.model.run.RunRecord;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.function.Function;

/**
 * The Compare screen's view: two run pickers and the step, the screenshots in the chosen mode with
 * one zoom and synchronized scrolling, the diff highlight, and the fingerprint diff table.
 */
public final class CompareView extends BorderPane {

    private final CompareViewModel model;
    private final ComboBox<RunRecord> leftPicker = new ComboBox<>();
    private final ComboBox<RunRecord> rightPicker = new ComboBox<>();
    private final ComboBox<ScreenshotStep> stepPicker = new ComboBox<>();
    /** Set while the view copies the model's steps into the picker, so the picker's echo is not a pick. */
    private boolean showingModelStep;
    private final CheckBox showDiff = new CheckBox("Highlight differences");
    private final ToggleButton flip = new ToggleButton("Showing left");
    private final Slider onion = new Slider(0, 1, 0.5);
    private final StackPane stage = new StackPane();
    private Image leftImage;
    private Image rightImage;
    private Image diffImage;

    public CompareView(CompareViewModel model) {
        this.model = model;
        setTop(new VBox(toolbar(), sideHeaders()));
        SplitPane split = new SplitPane(stage, fingerprintTable());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        setCenter(split);
        Label status = new Label();
        status.setId("compare-status");
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);

        model.leftRasterProperty().addListener((o, a, b) -> {
            leftImage = b == null ? null : FxScreenshots.toImage(b);
            redraw();
        });
        model.rightRasterProperty().addListener((o, a, b) -> {
            rightImage = b == null ? null : FxScreenshots.toImage(b);
            redraw();
        });
        model.diffProperty().addListener((o, a, b) -> {
            diffImage = b == null ? null : FxScreenshots.toImage(new Raster(b.width(), b.height(), b.highlight()));
            redraw();
        });
        model.modeProperty().addListener((o, a, b) -> redraw());
        model.zoomProperty().addListener((o, a, b) -> redraw());
        showDiff.selectedProperty().addListener((o, a, b) -> redraw());
        flip.selectedProperty().addListener((o, a, b) -> {
            flip.setText(b ? "Showing right" : "Showing left");
            redraw();
        });
        stage.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown() && e.getDeltaY() != 0) {
                model.setZoom(model.zoomProperty().get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
                e.consume();
            }
        });
        redraw();
    }

    private VBox toolbar() {
        leftPicker.setId("compare-left");
        rightPicker.setId("compare-right");
        for (ComboBox<RunRecord> picker : List.of(leftPicker, rightPicker)) {
            picker.setItems(model.candidates());
            picker.setConverter(new RecordConverter());
            picker.setPromptText("Pick a run");
            picker.setPrefWidth(300);
        }
        leftPicker.setOnAction(e -> {
            if (leftPicker.getValue() != null) {
                model.setLeft(leftPicker.getValue());
            }
        });
        rightPicker.setOnAction(e -> {
            if (rightPicker.getValue() != null) {
                model.setRight(rightPicker.getValue());
            }
        });
        model.leftProperty().addListener((o, a, b) -> selectQuietly(leftPicker, b));
        model.rightProperty().addListener((o, a, b) -> selectQuietly(rightPicker, b));

        stepPicker.setId("compare-step");
        stepPicker.promptTextProperty().bind(Bindings.createStringBinding(() -> model.leftProperty().get() != null
                && model.rightProperty().get() != null && model.steps().isEmpty() ? "No screenshots in either run"
                : "Step", model.leftProperty(), model.rightProperty(), model.steps()));
        stepPicker.setOnAction(e -> {
            if (!showingModelStep && stepPicker.getValue() != null
                    && stepPicker.getValue() != model.stepProperty().get()) {
                model.selectStep(stepPicker.getValue());
            }
        });
        model.stepProperty().addListener((Observable o) -> showModelStep());
        model.steps().addListener((Observable o) -> showModelStep());
        showModelStep();
        selectQuietly(leftPicker, model.leftProperty().get());
        selectQuietly(rightPicker, model.rightProperty().get());

        ComboBox<CompareMode> mode = new ComboBox<>();
        mode.setId("compare-mode");
        mode.getItems().setAll(CompareMode.values());
        mode.setValue(model.modeProperty().get());
        mode.valueProperty().addListener((o, a, b) -> model.setMode(b));
        mode.setPrefWidth(150);

        Slider zoom = new Slider(0.1, 2.0, model.zoomProperty().get());
        zoom.setId("compare-zoom");
        zoom.setPrefWidth(90);
        zoom.setTooltip(new Tooltip("Zoom both screenshots (Ctrl+wheel)"));
        zoom.valueProperty().addListener((o, a, b) -> model.setZoom(b.doubleValue()));
        model.zoomProperty().addListener((o, a, b) -> zoom.setValue(b.doubleValue()));
        Label zoomLabel = new Label();
        zoomLabel.textProperty().bind(Bindings.format("%.0f %%", model.zoomProperty().multiply(100)));

        Slider threshold = new Slider(0, 128, model.thresholdProperty().get());
        threshold.setId("compare-threshold");
        threshold.setPrefWidth(90);
        threshold.setTooltip(new Tooltip("Ignore channel differences up to this value (anti-aliasing, fonts)"));
        threshold.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                model.setThreshold((int) threshold.getValue());
            }
        });
        threshold.valueProperty().addListener((o, a, b) -> {
            if (!threshold.isValueChanging()) {
                model.setThreshold(b.intValue());
            }
        });
        Label thresholdLabel = new Label();
        thresholdLabel.textProperty().bind(model.thresholdProperty().asString("%d"));

        showDiff.setId("compare-show-diff");
        showDiff.setSelected(true);
        flip.setId("compare-flip");
        flip.visibleProperty().bind(model.modeProperty().isEqualTo(CompareMode.FLIP));
        flip.managedProperty().bind(flip.visibleProperty());
        onion.setPrefWidth(90);
        onion.visibleProperty().bind(model.modeProperty().isEqualTo(CompareMode.ONION_SKIN));
        onion.managedProperty().bind(onion.visibleProperty());
        onion.valueProperty().addListener((o, a, b) -> redraw());

        Label summary = new Label();
        summary.setId("compare-diff-summary");
        summary.textProperty().bind(model.diffSummaryProperty());
        summary.setStyle("-fx-font-weight: bold;");

        HBox runs = new HBox(6, leftPicker, new Label("vs"), rightPicker, new Label("Step"), stepPicker);
        runs.setAlignment(Pos.CENTER_LEFT);
        HBox view = new HBox(6, mode, flip, onion, fixed(new Label("Zoom")), zoom, fixed(zoomLabel),
                fixed(new Label("Threshold")), threshold, fixed(thresholdLabel), fixed(showDiff), summary);
        view.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(6, runs, view);
        bar.setPadding(new Insets(8));
        return bar;
    }

    /** Short labels keep their text; the summary at the end of the row is what gives way. */
    private static <T extends javafx.scene.layout.Region> T fixed(T node) {
        node.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return node;
    }

    /**
     * The picker shows the model's steps and step, and only a person's pick goes back to the model.
     * Replacing a ComboBox's items makes it clear and reselect its value on its own, which would
     * otherwise reach the model as a pick and leave the picker blank when the model's new step
     * equals the old one (e.g. the second run has no screenshots of its own).
     */
    private void showModelStep() {
        showingModelStep = true;
        try {
            stepPicker.getItems().setAll(model.steps());
            stepPicker.setValue(model.stepProperty().get());
        } finally {
            showingModelStep = false;
        }
    }

    private static void selectQuietly(ComboBox<RunRecord> picker, CompareSide side) {
        if (side != null && picker.getValue() != side.record()) {
            var onAction = picker.getOnAction();
            picker.setOnAction(null);
            picker.setValue(side.record());
            picker.setOnAction(onAction);
        }
    }

    private GridPane sideHeaders() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setPadding(new Insets(0, 8, 6, 8));
        Label leftInfo = sideInfo("compare-left-info");
        Label rightInfo = sideInfo("compare-right-info");
        Runnable update = () -> {
            CompareSide l = model.leftProperty().get();
            CompareSide r = model.rightProperty().get();
            leftInfo.setText(describe("Left", l));
            rightInfo.setText(describe("Right", r));
            boolean buildsDiffer = l != null && r != null && !l.record().build().equals(r.record().build());
            boolean verdictsDiffer = l != null && r != null
                    && l.record().verdict().blocked() != r.record().verdict().blocked();
            String style = buildsDiffer || verdictsDiffer ? "-fx-text-fill: -color-warning-fg;" : "";
            leftInfo.setStyle(style);
            rightInfo.setStyle(style);
        };
        model.leftProperty().addListener((o, a, b) -> update.run());
        model.rightProperty().addListener((o, a, b) -> update.run());
        update.run();
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
            half.setPercentWidth(50);
            grid.getColumnConstraints().add(half);
        }
        grid.add(leftInfo, 0, 0);
        grid.add(rightInfo, 1, 0);
        return grid;
    }

    private static Label sideInfo(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    static String describe(String side, CompareSide s) {
        if (s == null) {
            return side + ": no run picked";
        }
        RunRecord r = s.record();
        return side + ": " + r.runId() + " · " + r.environment() + " · build " + r.build() + " · " + r.status()
                + " · verdict " + r.verdict().summary();
    }

    private TableView<FingerprintRow> fingerprintTable() {
        TableView<FingerprintRow> table = new TableView<>(model.fingerprintRows());
        table.setId("compare-fingerprint");
        table.setPlaceholder(new Label("The two environment fingerprints appear here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(column("Fingerprint", FingerprintRow::key, 160),
                column("Left", FingerprintRow::left, 400), column("Right", FingerprintRow::right, 400)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(FingerprintRow row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(!empty && row != null && row.differs()
                        ? "-fx-background-color: -color-warning-subtle; -fx-font-weight: bold;" : "");
            }
        });
        return table;
    }

    private static TableColumn<FingerprintRow, String> column(String title, Function<FingerprintRow, String> value,
                                                              double width) {
        TableColumn<FingerprintRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        // Wrapped: the telling part of a user agent ("HeadlessChrome") is at its end.
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
                text.getStyleClass().add("text");
                setGraphic(text);
                setPrefHeight(USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
            }
        });
        return column;
    }

    /** Rebuilds the image area for the current mode; cheap, as images are shared between views. */
    private void redraw() {
        double zoom = model.zoomProperty().get();
        Image highlight = showDiff.isSelected() ? diffImage : null;
        Node content = switch (model.modeProperty().get()) {
            case SIDE_BY_SIDE -> sideBySide(zoom, highlight);
            case OVERLAY -> single(zoom, layers(zoom, leftImage, 1.0, rightImage, 0.5, highlight));
            case FLIP -> single(zoom, flip.isSelected() ? layers(zoom, rightImage, 1.0, null, 0, highlight)
                    : layers(zoom, leftImage, 1.0, null, 0, highlight));
            case ONION_SKIN -> single(zoom, layers(zoom, leftImage, 1.0, rightImage, onion.getValue(), highlight));
        };
        stage.getChildren().setAll(content);
    }

    private Node sideBySide(double zoom, Image highlight) {
        ScrollPane l = scroll(layers(zoom, leftImage, 1.0, null, 0, highlight));
        ScrollPane r = scroll(layers(zoom, rightImage, 1.0, null, 0, highlight));
        l.setId("compare-left-pane");
        r.setId("compare-right-pane");
        l.hvalueProperty().bindBidirectional(r.hvalueProperty());
        l.vvalueProperty().bindBidirectional(r.vvalueProperty());
        HBox box = new HBox(4, l, r);
        HBox.setHgrow(l, Priority.ALWAYS);
        HBox.setHgrow(r, Priority.ALWAYS);
        l.setMaxWidth(Double.MAX_VALUE);
        r.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private Node single(double zoom, Node layers) {
        ScrollPane pane = scroll(layers);
        pane.setId("compare-single-pane");
        return pane;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setPannable(true);
        return pane;
    }

    private static StackPane layers(double zoom, Image bottom, double bottomOpacity, Image top, double topOpacity,
                                    Image highlight) {
        StackPane stack = new StackPane();
        stack.setAlignment(Pos.TOP_LEFT);
        if (bottom == null && top == null) {
            stack.getChildren().add(new Label("No screenshot for this step."));
            return stack;
        }
        stack.getChildren().add(view(bottom, zoom, bottomOpacity));
        if (top != null) {
            stack.getChildren().add(view(top, zoom, topOpacity));
        }
        if (highlight != null) {
            stack.getChildren().add(view(highlight, zoom, 1.0));
        }
        return stack;
    }

    private static ImageView view(Image image, double zoom, double opacity) {
        ImageView view = new ImageView(image);
        if (image != null) {
            view.setFitWidth(image.getWidth() * zoom);
            view.setPreserveRatio(true);
        }
        view.setOpacity(opacity);
        return view;
    }

    private static final class RecordConverter extends StringConverter<RunRecord> {
        @Override
        public String toString(RunRecord r) {
            return r == null ? "" : r.runId() + " · " + r.environment() + " · " + r.status();
        }

        @Override
        public RunRecord fromString(String s) {
            return null;
        }
    }
}
