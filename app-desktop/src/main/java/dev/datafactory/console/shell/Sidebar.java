package dev.datafactory.console.shell;

import atlantafx.base.theme.Styles;
import dev.datafactory.console.common.ScreenId;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** The navigation column: one entry per screen, with its Ctrl+N shortcut in the tooltip. */
final class Sidebar extends VBox {

    private final Map<ScreenId, ToggleButton> buttons = new EnumMap<>(ScreenId.class);
    private final ToggleGroup group = new ToggleGroup();

    Sidebar(String backendLabel, Consumer<ScreenId> onSelect) {
        getStyleClass().add("sidebar");
        setSpacing(2);
        setPadding(new Insets(12, 8, 12, 8));
        setPrefWidth(180);
        Label title = new Label("Data Factory");
        title.getStyleClass().addAll(Styles.TITLE_4, "sidebar-title");
        Label backend = new Label(backendLabel);
        backend.setId("sidebar-backend");
        backend.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        backend.setWrapText(true);
        VBox header = new VBox(2, title, backend);
        header.setPadding(new Insets(0, 8, 16, 8));
        getChildren().add(header);
        int n = 1;
        for (ScreenId id : ScreenId.values()) {
            ToggleButton b = new ToggleButton(id.title(), new FontIcon(id.icon()));
            b.setId("nav-" + id.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setGraphicTextGap(10);
            b.getStyleClass().addAll(Styles.FLAT, "sidebar-item");
            b.setTooltip(new javafx.scene.control.Tooltip(id.title() + " (Ctrl+" + n++ + ")"));
            b.setOnAction(e -> {
                // A toggle group lets the selected button be un-toggled; the sidebar always shows one.
                b.setSelected(true);
                onSelect.accept(id);
            });
            buttons.put(id, b);
            if (id == ScreenId.SETTINGS) {
                Region spacer = new Region();
                VBox.setVgrow(spacer, Priority.ALWAYS);
                getChildren().add(spacer);
            }
            getChildren().add(b);
        }
    }

    void select(ScreenId id) {
        buttons.get(id).setSelected(true);
    }
}
