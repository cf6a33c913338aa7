package dev.datafactory.console.schedules;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The visual cron builder: a mode, its fields, the raw expression, and what it means. */
final class CronBuilderView extends VBox {

    /** Bidirectional bindings hold their ends weakly; these keep the Integer views of the int properties alive. */
    private final List<ObjectProperty<Integer>> keepAlive = new ArrayList<>();
    private final CronBuilderViewModel vm;
    private final HBox modeFields = new HBox(8);
    private final TextField raw = new TextField();
    private final Spinner<Integer> every;
    private final Spinner<Integer> minuteOfHour;
    private final Spinner<Integer> dayOfMonth;
    private final HBox time;
    private final HBox days;
    private final Label customHint = new Label("Edit the expression below; the builder takes over again when it"
            + " fits a mode.");

    CronBuilderView(CronBuilderViewModel vm) {
        this.vm = vm;
        setSpacing(8);
        every = spinner("cron-every", 1, 59, vm.everyMinutesProperty().asObject(), false);
        minuteOfHour = spinner("cron-minute-of-hour", 0, 59, vm.minuteProperty().asObject(), true);
        dayOfMonth = spinner("cron-day-of-month", 1, 31, vm.dayOfMonthProperty().asObject(), false);
        time = new HBox(4, spinner("cron-hour", 0, 23, vm.hourProperty().asObject(), true), new Label(":"),
                spinner("cron-minute", 0, 59, vm.minuteProperty().asObject(), true));
        time.setAlignment(Pos.CENTER_LEFT);
        days = dayButtons();
        customHint.getStyleClass().add(Styles.TEXT_MUTED);
        ComboBox<CronMode> mode = new ComboBox<>();
        mode.setId("cron-mode");
        mode.getItems().setAll(CronMode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        modeFields.setAlignment(Pos.CENTER_LEFT);
        HBox modeRow = new HBox(12, mode, modeFields);
        modeRow.setAlignment(Pos.CENTER_LEFT);

        raw.setId("cron-raw");
        raw.setPromptText("minute hour day-of-month month day-of-week, e.g. 0 9 * * 1-5");
        raw.textProperty().bindBidirectional(vm.rawProperty());
        raw.getStyleClass().add("monospace");
        raw.setPrefColumnCount(24);
        Label rawLabel = new Label("Cron");
        rawLabel.setMinWidth(40);
        HBox rawRow = new HBox(8, rawLabel, raw);
        rawRow.setAlignment(Pos.CENTER_LEFT);

        Label description = new Label();
        description.setId("cron-description");
        description.getStyleClass().add("cron-description");
        description.textProperty().bind(vm.descriptionProperty());
        description.setWrapText(true);
        description.managedProperty().bind(vm.descriptionProperty().isNotEmpty());
        Label error = new Label();
        error.setId("cron-error");
        error.getStyleClass().add("field-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        Label dst = new Label();
        dst.setId("cron-dst-warning");
        dst.getStyleClass().add("dst-warning");
        dst.textProperty().bind(vm.dstWarningProperty());
        dst.visibleProperty().bind(vm.dstWarningProperty().isNotEmpty());
        dst.managedProperty().bind(dst.visibleProperty());
        dst.setWrapText(true);

        Label nextTitle = new Label("Next " + CronBuilderViewModel.FIRE_TIMES + " runs");
        nextTitle.getStyleClass().add("form-section-title");
        getChildren().addAll(modeRow, rawRow, description, error, dst, nextTitle, fireTimesTable());
        vm.modeProperty().subscribe(this::showModeFields);
    }

    TextField rawField() {
        return raw;
    }

    private TableView<FireTimeRow> fireTimesTable() {
        TableView<FireTimeRow> table = new TableView<>(vm.fireTimes());
        table.setId("cron-fire-times");
        TableColumn<FireTimeRow, String> inZone = new TableColumn<>();
        inZone.textProperty().bind(vm.zoneProperty().map(z -> "In " + z));
        inZone.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().inScheduleZone()));
        TableColumn<FireTimeRow, String> mine = new TableColumn<>("For you (" + vm.operatorZone().getId() + ")");
        mine.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().inOperatorZone()));
        TableColumn<FireTimeRow, String> note = new TableColumn<>("Daylight saving");
        note.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().note()));
        inZone.setPrefWidth(240);
        mine.setPrefWidth(270);
        note.setPrefWidth(360);
        table.getColumns().setAll(List.of(inZone, mine, note));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No upcoming runs: fix the expression above."));
        table.setFixedCellSize(28);
        table.setPrefHeight(28 * CronBuilderViewModel.FIRE_TIMES + 36);
        table.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        return table;
    }

    private void showModeFields(CronMode mode) {
        modeFields.getChildren().clear();
        switch (mode) {
            case EVERY_N_MINUTES -> modeFields.getChildren().addAll(new Label("every"), every, new Label("minutes"));
            case HOURLY -> modeFields.getChildren().addAll(new Label("at minute"), minuteOfHour,
                    new Label("of every hour"));
            case DAILY, WEEKDAYS -> modeFields.getChildren().addAll(new Label("at"), time);
            case WEEKLY -> modeFields.getChildren().addAll(new Label("on"), days, new Label("at"), time);
            case MONTHLY -> modeFields.getChildren().addAll(new Label("on day"), dayOfMonth, new Label("at"), time);
            case CUSTOM -> modeFields.getChildren().add(customHint);
        }
    }

    private HBox dayButtons() {
        HBox box = new HBox(2);
        for (DayOfWeek d : DayOfWeek.values()) {
            ToggleButton b = new ToggleButton(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            b.setId("cron-day-" + d.name().toLowerCase(Locale.ROOT));
            b.selectedProperty().bindBidirectional(vm.dayProperty(d));
            b.getStyleClass().add(Styles.SMALL);
            box.getChildren().add(b);
        }
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Spinner<Integer> spinner(String id, int min, int max, ObjectProperty<Integer> value, boolean clock) {
        keepAlive.add(value);
        Spinner<Integer> s = new Spinner<>(min, max, value.get());
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(90);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        // Times read as times: 06:05, not 6:5.
        s.getValueFactory().setConverter(new javafx.util.converter.IntegerStringConverter() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : String.format(Locale.ROOT, clock ? "%02d" : "%d", v);
            }
        });
        // An edited spinner commits its text only on Enter; commit on focus loss too.
        s.focusedProperty().subscribe(focused -> {
            if (!focused) {
                commit(s);
            }
        });
        return s;
    }

    private static void commit(Spinner<Integer> s) {
        String text = s.getEditor().getText();
        try {
            s.getValueFactory().setValue(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            s.getEditor().setText(String.valueOf(s.getValue()));
        }
    }
}
