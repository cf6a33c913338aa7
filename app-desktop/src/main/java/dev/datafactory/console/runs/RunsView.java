package dev.datafactory.console.runs;

import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The Runs screen's view: filters, the history table, the outcomes-per-day chart. */
public final class RunsView extends BorderPane {

    private static final String ALL = "All";

    private final RunsViewModel model;
    private final TableView<RunRecord> table = new TableView<>();
    private final ComboBox<String> schedule = new ComboBox<>();
    private final ComboBox<String> status = new ComboBox<>();
    private final ComboBox<String> environment = new ComboBox<>();
    private final TextField text = new TextField();
    private final StackedBarChart<String, Number> chart = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final DateTimeFormatter started;

    public RunsView(RunsViewModel model) {
        this.model = model;
        getStylesheets().add(RunsView.class.getResource("runs.css").toExternalForm());
        this.started = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(model.zone());
        setTop(filterBar());
        SplitPane split = new SplitPane(table(), chart());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        Label statusLine = new Label();
        statusLine.setId("runs-status");
        statusLine.textProperty().bind(model.statusProperty());
        statusLine.setPadding(new Insets(4, 8, 4, 8));
        setBottom(statusLine);
    }

    private HBox filterBar() {
        schedule.setId("runs-schedule");
        status.setId("runs-status-filter");
        environment.setId("runs-environment");
        text.setId("runs-text");
        text.setPromptText("Run, job, build or error text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        withAll(schedule, model.schedules());
        withAll(environment, model.environments());
        status.getItems().add(ALL);
        for (RunStatus s : RunStatus.values()) {
            status.getItems().add(s.name());
        }
        status.setValue(ALL);
        // A run asked for before this view existed (Logs → Open run) is already in the model's filter.
        text.setText(model.filterProperty().get().text());
        schedule.valueProperty().addListener((o, a, b) -> applyFilter());
        status.valueProperty().addListener((o, a, b) -> applyFilter());
        environment.valueProperty().addListener((o, a, b) -> applyFilter());
        text.textProperty().addListener((o, a, b) -> applyFilter());
        model.filterProperty().addListener((o, a, b) -> {
            if (!b.text().equals(text.getText())) {
                text.setText(b.text());
            }
        });

        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("runs-refresh");
        refresh.setTooltip(new Tooltip("Reload run history (F5)"));
        refresh.setOnAction(e -> model.refresh());
        Button compare = new Button("Compare", new FontIcon(Feather.COLUMNS));
        compare.setId("runs-compare");
        compare.setTooltip(new Tooltip("Open the two selected runs side by side"));
        compare.setOnAction(e -> model.compare(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Button logs = new Button("Logs", new FontIcon(Feather.LIST));
        logs.setTooltip(new Tooltip("Show the canary logs of the selected run"));
        logs.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        logs.setOnAction(e -> model.showLogs(table.getSelectionModel().getSelectedItem()));

        HBox bar = new HBox(6, new Label("Schedule"), schedule, new Label("Status"), status, new Label("Env"),
                environment, text, refresh, compare, logs);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private static void withAll(ComboBox<String> box, javafx.collections.ObservableList<String> values) {
        box.getItems().setAll(ALL);
        box.setValue(ALL);
        values.addListener((ListChangeListener<String>) c -> {
            String keep = box.getValue();
            box.getItems().setAll(ALL);
            box.getItems().addAll(values);
            box.setValue(box.getItems().contains(keep) ? keep : ALL);
        });
    }

    private void applyFilter() {
        model.setFilter(new RunFilter(valueOf(schedule),
                Optional.ofNullable(valueOf(status)).filter(s -> !s.isEmpty()).map(RunStatus::valueOf),
                valueOf(environment), text.getText()));
    }

    private static String valueOf(ComboBox<String> box) {
        String v = box.getValue();
        return v == null || v.equals(ALL) ? "" : v;
    }

    private TableView<RunRecord> table() {
        table.setId("runs-table");
        table.setItems(model.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No runs yet. Run a schedule or a test scrape and they appear here."));
        table.getColumns().setAll(List.of(
                column("Started", r -> started.format(r.startedAt()), 140),
                column("Schedule", RunRecord::scheduleId, 130),
                column("Run", RunRecord::runId, 300),
                statusColumn(),
                column("Verdict", r -> r.verdict().summary(), 300),
                column("Items", r -> String.valueOf(r.items()), 60),
                column("Duration", r -> duration(r.duration()), 80),
                column("Build", RunRecord::build, 180),
                column("Environment", RunRecord::environment, 100),
                column("Trigger", r -> r.trigger().name(), 80),
                column("Job", RunRecord::jobId, 280)));
        return table;
    }

    private static TableColumn<RunRecord, String> column(String title, Function<RunRecord, String> value, double w) {
        TableColumn<RunRecord, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(w);
        return column;
    }

    private static TableColumn<RunRecord, RunStatus> statusColumn() {
        TableColumn<RunRecord, RunStatus> column = new TableColumn<>("Status");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        column.setPrefWidth(110);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RunStatus s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
                setStyle(empty || s == null ? "" : "-fx-text-fill: " + colour(s) + "; -fx-font-weight: bold;");
            }
        });
        return column;
    }

    static String colour(RunStatus s) {
        return switch (s) {
            case SUCCEEDED -> "-color-success-fg";
            case BLOCKED -> "-color-warning-fg";
            case FAILED, TIMED_OUT -> "-color-danger-fg";
            case CANCELLED -> "-color-fg-muted";
        };
    }

    private static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0)
                : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private StackedBarChart<String, Number> chart() {
        chart.setId("runs-chart");
        chart.setTitle("Job outcomes per day and schedule");
        chart.setAnimated(false);
        // Job counts are whole numbers; auto-ranging picks steps of 0.5 for small counts ("1.5 jobs").
        NumberAxis counts = (NumberAxis) chart.getYAxis();
        counts.setMinorTickVisible(false);
        counts.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number value) {
                double v = value.doubleValue();
                return v == Math.rint(v) ? Long.toString((long) v) : "";
            }

            @Override
            public Number fromString(String text) {
                return Long.valueOf(text);
            }
        });
        chart.setLegendVisible(true);
        chart.setMinHeight(180);
        model.chart().addListener((ListChangeListener<DayCount>) c -> redrawChart());
        redrawChart();
        return chart;
    }

    private void redrawChart() {
        XYChart.Series<String, Number> ok = new XYChart.Series<>();
        ok.setName("succeeded");
        XYChart.Series<String, Number> blocked = new XYChart.Series<>();
        blocked.setName("blocked");
        XYChart.Series<String, Number> failed = new XYChart.Series<>();
        failed.setName("failed");
        DateTimeFormatter day = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
        List<String> categories = new java.util.ArrayList<>();
        for (DayCount d : model.chart()) {
            String category = day.format(d.day()) + " " + d.schedule();
            categories.add(category);
            ok.getData().add(new XYChart.Data<>(category, d.succeeded()));
            blocked.getData().add(new XYChart.Data<>(category, d.blocked()));
            failed.getData().add(new XYChart.Data<>(category, d.failed()));
        }
        // Old bars go before the categories change: StackedBarChart reacts to a category removal by
        // removing that category's bars, which re-enters its own listener until the stack overflows.
        chart.getData().clear();
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(categories);
        chart.getData().setAll(List.of(ok, blocked, failed));
    }

    TableView<RunRecord> tableView() {
        return table;
    }
}
