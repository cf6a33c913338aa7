package dev.datafactory.console.schedules;

import atlantafx.base.theme.Styles;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Schedules: the table of what runs when, and the editor for one schedule. */
public final class SchedulesScreen implements Screen {

    private final ConsoleContext context;
    private final SchedulesViewModel list;
    private final ScheduleEditorViewModel editor;
    private final Subscriptions subscriptions = new Subscriptions();
    private StackPane root;
    private BorderPane listView;
    private ScheduleEditorView editorView;
    private TableView<ScheduleRow> table;
    private Timeline autoRefresh;

    private static final Duration AUTO_REFRESH = Duration.seconds(10);

    public SchedulesScreen(ConsoleContext context) {
        this.context = context;
        this.list = new SchedulesViewModel(context);
        this.editor = new ScheduleEditorViewModel(context);
    }

    @Override
    public Node view() {
        if (root == null) {
            listView = buildList();
            editorView = new ScheduleEditorView(editor, this::save, this::closeEditor);
            root = new StackPane(listView);
            root.setId("schedules-screen");
        }
        return root;
    }

    @Override
    public void activate() {
        subscriptions.add(context.events().subscribe(ConsoleEvents.SchedulesChanged.class, e -> list.refresh()));
        list.refresh();
        // The engine fires schedules behind the console's back: keep next and last runs current.
        autoRefresh = new Timeline(new KeyFrame(AUTO_REFRESH, e -> {
            if (!root.getChildren().contains(editorView)) {
                list.refresh();
            }
        }));
        autoRefresh.setCycleCount(Animation.INDEFINITE);
        autoRefresh.play();
    }

    @Override
    public void deactivate() {
        subscriptions.unsubscribeAll();
        if (autoRefresh != null) {
            autoRefresh.stop();
            autoRefresh = null;
        }
    }

    @Override
    public boolean handle(ScreenAction action) {
        boolean editing = root != null && root.getChildren().contains(editorView);
        switch (action) {
            case NEW -> openNew();
            case RUN -> {
                if (editing) {
                    return false;
                }
                list.runNow();
            }
            case REFRESH -> list.refresh();
            case SAVE -> {
                if (!editing) {
                    return false;
                }
                save();
            }
            case DELETE -> {
                if (editing) {
                    return false;
                }
                confirmDelete();
            }
        }
        return true;
    }

    private BorderPane buildList() {
        Label title = new Label("Schedules");
        title.getStyleClass().add(Styles.TITLE_3);
        Button create = button("New", Feather.PLUS, "schedules-new", "New schedule (Ctrl+N)", e -> openNew());
        create.getStyleClass().add(Styles.ACCENT);
        Button edit = button("Edit", Feather.EDIT_2, "schedules-edit", "Edit the selected schedule", e -> openEdit());
        Button run = button("Run now", Feather.PLAY, "schedules-run", "Run the selected schedule now (Ctrl+R)",
                e -> list.runNow());
        Button pause = button("Pause", Feather.PAUSE, "schedules-pause", "Pause or resume the selected schedule",
                e -> list.togglePause());
        Button duplicate = button("Duplicate", Feather.COPY, "schedules-duplicate", "Copy the selected schedule (paused)",
                e -> list.duplicate());
        Button delete = button("Delete", Feather.TRASH_2, "schedules-delete", "Delete the selected schedule (Delete)",
                e -> confirmDelete());
        delete.getStyleClass().add(Styles.DANGER);
        Button refresh = button(null, Feather.REFRESH_CW, "schedules-refresh", "Reload (F5)", e -> list.refresh());
        for (Button b : List.of(edit, run, pause, duplicate, delete)) {
            b.disableProperty().bind(list.selectedProperty().isNull());
        }
        pause.textProperty().bind(Bindings.createStringBinding(() -> list.selectedProperty().get() != null
                && list.selectedProperty().get().paused() ? "Resume" : "Pause", list.selectedProperty()));
        pause.graphicProperty().bind(Bindings.createObjectBinding(() -> new FontIcon(list.selectedProperty().get() != null
                && list.selectedProperty().get().paused() ? Feather.PLAY_CIRCLE : Feather.PAUSE), list.selectedProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, refresh, duplicate, pause, delete, edit, run, create);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("screen-header");

        table = new TableView<>(list.rows());
        table.setId("schedules-table");
        table.getColumns().setAll(List.of(
                column("Name", 190, ScheduleRow::name, r -> r.schedule().id()),
                column("Runs", 265, ScheduleRow::description, r -> r.schedule().cron()),
                column("Time zone", 148, ScheduleRow::timeZone, r -> ""),
                column("Next run · yours", 220,
                        ScheduleRow::nextInScheduleZone, ScheduleRow::nextInOperatorZone),
                column("State", 78, ScheduleRow::state, r -> ""),
                column("Last run · verdict", 200, ScheduleRow::lastStatus, ScheduleRow::lastVerdict)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add(Styles.STRIPED);
        Label empty = new Label();
        empty.textProperty().bind(Bindings.when(list.loadingProperty()).then("Loading schedules…")
                .otherwise("No schedules yet. Press New (Ctrl+N) to create one."));
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().subscribe(list.selectedProperty()::set);
        list.selectedProperty().subscribe(row -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        table.setRowFactory(t -> {
            TableRow<ScheduleRow> r = new TableRow<>();
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !r.isEmpty()) {
                    openEdit();
                }
            });
            return r;
        });
        BorderPane pane = new BorderPane(table);
        pane.setTop(header);
        table.getStyleClass().add("screen-body-table");
        BorderPane.setMargin(table, new javafx.geometry.Insets(0, 20, 16, 20));
        return pane;
    }

    private void openNew() {
        view();
        editor.startNew(list.suggestNewId());
        showEditor();
    }

    private void openEdit() {
        ScheduleRow row = list.selectedProperty().get();
        if (row == null) {
            return;
        }
        editor.edit(row.schedule());
        showEditor();
    }

    private void showEditor() {
        root.getChildren().setAll(editorView);
        editorView.opened();
    }

    private void save() {
        editor.save(saved -> {
            context.notifier().info("Saved " + saved.name() + ": " + CronText.describe(saved.cronSchedule()) + " ("
                    + saved.timeZone() + ").");
            context.events().publish(new ConsoleEvents.SchedulesChanged());
            closeEditor();
            list.refresh(Optional.of(saved.id()));
        });
    }

    private void closeEditor() {
        root.getChildren().setAll(listView);
        table.requestFocus();
    }

    private void confirmDelete() {
        ScheduleRow row = list.selectedProperty().get();
        if (row == null) {
            return;
        }
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Delete the schedule \"" + row.name() + "\" ("
                + row.id() + ")? It stops firing at once; its past runs and logs stay.", delete, ButtonType.CANCEL);
        alert.setTitle("Delete schedule");
        alert.getDialogPane().lookupButton(delete).setId("confirm-delete");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("confirm-cancel");
        alert.setHeaderText("Delete " + row.name() + "?");
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        alert.showAndWait().filter(delete::equals).ifPresent(b -> list.delete());
    }

    private static Button button(String text, Feather icon, String id, String tooltip,
                                 javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new javafx.scene.control.Tooltip(tooltip));
        b.setOnAction(action);
        if (text == null) {
            b.getStyleClass().add(Styles.BUTTON_ICON);
        }
        return b;
    }

    /** A column of one or two lines: the value, and under it a muted detail (the raw cron, your time, the verdict). */
    private static TableColumn<ScheduleRow, ScheduleRow> column(String title, double width,
                                                                Function<ScheduleRow, String> value,
                                                                Function<ScheduleRow, String> detail) {
        TableColumn<ScheduleRow, ScheduleRow> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TwoLineCell(value, detail));
        c.setPrefWidth(width);
        c.setComparator(java.util.Comparator.comparing(value, String.CASE_INSENSITIVE_ORDER));
        return c;
    }

    private static final class TwoLineCell extends TableCell<ScheduleRow, ScheduleRow> {

        private final Function<ScheduleRow, String> value;
        private final Function<ScheduleRow, String> detail;
        private final Label main = new Label();
        private final Label sub = new Label();
        private final VBox box = new VBox(1, main, sub);

        TwoLineCell(Function<ScheduleRow, String> value, Function<ScheduleRow, String> detail) {
            this.value = value;
            this.detail = detail;
            sub.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ScheduleRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            String text = value.apply(row);
            main.setText(text);
            main.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER, Styles.TEXT_MUTED);
            tone(text).ifPresent(main.getStyleClass()::add);
            String d = detail.apply(row);
            sub.setText(d);
            sub.setVisible(!d.isEmpty());
            sub.setManaged(!d.isEmpty());
            setText(null);
            setGraphic(box);
            setTooltip(new javafx.scene.control.Tooltip(d.isEmpty() ? text : text + "\n" + d));
        }

        /** Outcomes in colour: green for success, amber for blocked or timed out, red for failed. */
        private static Optional<String> tone(String text) {
            if (text.startsWith("succeeded")) {
                return Optional.of(Styles.SUCCESS);
            }
            if (text.startsWith("blocked") || text.startsWith("timed out")) {
                return Optional.of(Styles.WARNING);
            }
            if (text.startsWith("failed")) {
                return Optional.of(Styles.DANGER);
            }
            if (text.equals("paused") || text.equals("never ran")) {
                return Optional.of(Styles.TEXT_MUTED);
            }
            return Optional.empty();
        }
    }

    /** For tests and the shell: the list's view model. */
    SchedulesViewModel listModel() {
        return list;
    }
}
