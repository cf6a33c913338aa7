package dev.datafactory.console.shell;

import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Stands in for a screen that is not part of this build, and says so. */
final class PlaceholderScreen implements Screen {

    private final ScreenId id;
    private Node view;

    PlaceholderScreen(ScreenId id) {
        this.id = id;
    }

    @Override
    public Node view() {
        if (view == null) {
            FontIcon icon = new FontIcon(id.icon());
            icon.setIconSize(48);
            Label text = new Label("The " + id.title() + " screen is not part of this build yet.");
            text.getStyleClass().add("text-muted");
            VBox box = new VBox(16, icon, text);
            box.setAlignment(Pos.CENTER);
            view = box;
        }
        return view;
    }

    @Override
    public void activate() {
        // Nothing to observe.
    }

    @Override
    public void deactivate() {
        // Nothing was observed.
    }
}
