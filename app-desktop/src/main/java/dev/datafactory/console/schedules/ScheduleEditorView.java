package dev.datafactory.console.schedules;

import atlantafx.base.theme.Styles;
import dev.datafactory.model.validation.Problem;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;

/** The schedule editor: when (basics and the cron builder) and what (the job template, as a form or JSON). */
final class ScheduleEditorView extends BorderPane {

    private final ScheduleEditorViewModel vm;
    private final FieldErrors errors;
    private final TabPane sections = new TabPane();
    private final TabPane templateTabs = new TabPane();
    private final Tab whenTab = new Tab("Timing");
    private final Tab templateTab = new Tab("Job template");
    private final Tab formTab = new Tab("Form");
    private final Tab jsonTab = new Tab("JSON");
    private final Label title = new Label();
    private final TextField idField = new TextField();
    private final TextField nameField = new TextField();
    /** Set while the view itself moves the template tabs, so that move is not taken as the operator's. */
    private boolean revertingTab;

    ScheduleEditorView(ScheduleEditorViewModel vm, Runnable onSave, Runnable onCancel) {
        this.vm = vm;
        this.errors = new FieldErrors(vm.problems());
        getStyleClass().add("schedule-editor");
        setId("schedule-editor");

        title.getStyleClass().add(Styles.TITLE_3);
        Button save = new Button("Save", new FontIcon(Feather.CHECK));
        save.setId("editor-save");
        save.getStyleClass().add(Styles.ACCENT);
        // Not the default button: Enter in a spinner or field must not store a half-edited schedule.
        save.setTooltip(new javafx.scene.control.Tooltip("Save (Ctrl+S)"));
        save.disableProperty().bind(vm.savingProperty());
        save.setOnAction(e -> onSave.run());
        Button cancel = new Button("Cancel");
        cancel.setId("editor-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onCancel.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, cancel, save);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("screen-header");
        Label saveError = new Label();
        saveError.setId("editor-save-error");
        saveError.getStyleClass().add("field-error");
        saveError.textProperty().bind(vm.saveErrorProperty());
        saveError.visibleProperty().bind(vm.saveErrorProperty().isNotEmpty());
        saveError.managedProperty().bind(saveError.visibleProperty());
        saveError.setPadding(new Insets(0, 20, 4, 20));
        setTop(new VBox(header, saveError));

        whenTab.setContent(whenPane());
        whenTab.setClosable(false);
        formTab.setContent(new SpecFormView(vm.form(), errors, formTab, templateTabs));
        formTab.setClosable(false);
        jsonTab.setContent(jsonPane());
        jsonTab.setClosable(false);
        templateTabs.getTabs().setAll(formTab, jsonTab);
        templateTabs.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> templateTabChanged(was,
                now));
        vm.tabProperty().subscribe(t -> {
            revertingTab = true;
            templateTabs.getSelectionModel().select(t == ScheduleEditorViewModel.TemplateTab.JSON ? jsonTab : formTab);
            revertingTab = false;
        });
        templateTab.setContent(templateTabs);
        templateTab.setClosable(false);
        sections.getTabs().setAll(whenTab, templateTab);
        sections.setId("editor-sections");
        BorderPane.setMargin(sections, new Insets(0, 20, 0, 20));
        setCenter(sections);
        setBottom(problemList());

        vm.creatingProperty().subscribe(creating -> title.setText(creating ? "New schedule" : "Edit schedule"));
        idField.disableProperty().bind(vm.creatingProperty().not());
    }

    /** Called when the editor opens: the first tab, the name field focused. */
    void opened() {
        sections.getSelectionModel().select(whenTab);
        Platform.runLater(() -> (vm.creatingProperty().get() ? idField : nameField).requestFocus());
    }

    private ScrollPane whenPane() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        ColumnConstraints labels = new ColumnConstraints(110);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, inputs);
        int row = 0;

        idField.setId("editor-id");
        idField.setMaxWidth(520);
        nameField.setMaxWidth(520);
        idField.setPromptText("lower-case letters, digits, - and _, e.g. demo-products");
        idField.textProperty().bindBidirectional(vm.idProperty());
        row = add(grid, row, "Id", idField, errors.register("id", idField, whenTab, sections));

        TextField name = nameField;
        name.setId("editor-name");
        name.setPromptText("what operators see in lists; defaults to the id");
        name.textProperty().bindBidirectional(vm.nameProperty());
        row = add(grid, row, "Name", name, errors.register("name", name, whenTab, sections));

        ComboBox<String> zone = new ComboBox<>(FXCollections.observableArrayList(
                ZoneId.getAvailableZoneIds().stream().sorted().toList()));
        zone.setId("editor-zone");
        zone.setEditable(true);
        zone.setPrefWidth(260);
        zone.valueProperty().bindBidirectional(vm.timeZoneProperty());
        row = add(grid, row, "Time zone", zone, errors.register("timeZone", zone, whenTab, sections));

        CheckBox enabled = new CheckBox("Enabled (fires on schedule; unticked = paused)");
        enabled.setId("editor-enabled");
        enabled.selectedProperty().bindBidirectional(vm.enabledProperty());
        row = add(grid, row, "State", enabled, null);

        CronBuilderView cron = new CronBuilderView(vm.cron());
        // The builder shows cron problems live under the expression; the field is still marked on save.
        errors.register("cron", cron.rawField(), whenTab, sections);
        add(grid, row, "Runs", cron, null);

        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private VBox jsonPane() {
        TextArea json = new TextArea();
        json.setId("template-json");
        json.getStyleClass().add("monospace");
        json.textProperty().bindBidirectional(vm.jsonProperty());
        VBox.setVgrow(json, Priority.ALWAYS);
        Label hint = new Label("The spec exactly as the worker reads it (see DESIGN.md). Switching back to the form"
                + " checks it.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = errors.register("template", json, jsonTab, templateTabs);
        VBox box = new VBox(6, hint, json, error);
        box.setPadding(new Insets(12));
        return box;
    }

    private ListView<Problem> problemList() {
        ListView<Problem> list = new ListView<>(vm.problems());
        list.setId("editor-problems");
        // As tall as its problems, up to four lines; more scroll.
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.min(4 * 26 + 6,
                javafx.beans.binding.Bindings.size(vm.problems()).multiply(26).add(6)));
        list.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.problems()));
        list.managedProperty().bind(list.visibleProperty());
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : (p.path().isEmpty() ? "" : p.path() + ": ") + p.reason());
                setGraphic(empty || p == null ? null : new FontIcon(Feather.ALERT_CIRCLE));
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null) {
                errors.reveal(p);
            }
        });
        BorderPane.setMargin(list, new Insets(6, 20, 12, 20));
        return list;
    }

    private void templateTabChanged(Tab was, Tab now) {
        if (revertingTab || now == null) {
            return;
        }
        ScheduleEditorViewModel.TemplateTab target = now == jsonTab ? ScheduleEditorViewModel.TemplateTab.JSON
                : ScheduleEditorViewModel.TemplateTab.FORM;
        if (!vm.switchTab(target)) {
            // The JSON does not read; stay on it so the operator can fix what the problem list shows.
            Platform.runLater(() -> {
                revertingTab = true;
                templateTabs.getSelectionModel().select(was);
                revertingTab = false;
            });
        }
    }

    private static int add(GridPane grid, int row, String label, javafx.scene.Node input, Label error) {
        Label l = new Label(label);
        GridPane.setValignment(l, javafx.geometry.VPos.TOP);
        l.setPadding(new Insets(4, 0, 0, 0));
        grid.add(l, 0, row);
        grid.add(error == null ? input : new VBox(2, input, error), 1, row);
        return row + 1;
    }
}
