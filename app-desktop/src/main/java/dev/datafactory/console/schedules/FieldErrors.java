package dev.datafactory.console.schedules;

import dev.datafactory.model.validation.Problem;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts each validation problem next to the field it names: the field gets the {@code invalid}
 * style and the label under it the reasons. Fields register the path they edit; a problem goes to
 * the most specific registered path that covers it.
 */
final class FieldErrors {

    private record Target(String path, Node field, Label message, Optional<Tab> tab, Optional<TabPane> tabs) {
    }

    private final ObservableList<Problem> problems;
    private final List<Target> targets = new ArrayList<>();

    FieldErrors(ObservableList<Problem> problems) {
        this.problems = problems;
        problems.addListener((ListChangeListener<Problem>) c -> refresh());
    }

    /** A label for the reasons of {@code path}; hidden while there are none. */
    Label register(String path, Node field, Tab tab, TabPane tabs) {
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.setManaged(false);
        message.setVisible(false);
        message.setId("error-" + path.replace('.', '-'));
        targets.add(new Target(path, field, message, Optional.ofNullable(tab), Optional.ofNullable(tabs)));
        return message;
    }

    /** Shows the field a problem belongs to (switching tabs as needed) and focuses it. */
    void reveal(Problem problem) {
        targetFor(problem.path()).ifPresent(t -> {
            t.tabs().ifPresent(tp -> t.tab().ifPresent(tab -> tp.getSelectionModel().select(tab)));
            t.field().requestFocus();
        });
    }

    private Optional<Target> targetFor(String problemPath) {
        return targets.stream().filter(t -> ScheduleEditorViewModel.covers(t.path(), problemPath))
                .max((a, b) -> Integer.compare(a.path().length(), b.path().length()));
    }

    private void refresh() {
        for (Target t : targets) {
            t.field().getStyleClass().remove("invalid");
            t.message().setText("");
            t.message().setVisible(false);
            t.message().setManaged(false);
        }
        for (Problem p : problems) {
            targetFor(p.path()).ifPresent(t -> {
                if (!t.field().getStyleClass().contains("invalid")) {
                    t.field().getStyleClass().add("invalid");
                }
                String reason = p.path().equals(t.path()) ? p.reason() : p.path() + ": " + p.reason();
                t.message().setText(t.message().getText().isEmpty() ? reason : t.message().getText() + "\n" + reason);
                t.message().setVisible(true);
                t.message().setManaged(true);
            });
        }
    }
}
