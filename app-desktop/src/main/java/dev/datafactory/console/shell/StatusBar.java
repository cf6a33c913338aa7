package dev.datafactory.console.shell;

import atlantafx.base.theme.Styles;
import dev.datafactory.console.common.Notifier;
import dev.datafactory.model.build.BuildInfo;
import javafx.application.Platform;
import javafx.beans.value.ObservableIntegerValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bottom line of the main window: the latest message (errors stay until dismissed), a busy
 * indicator while background tasks run, and the build that is running.
 */
final class StatusBar extends HBox implements Notifier {

    private final Label message = new Label();
    private final Button dismiss = new Button(null, new FontIcon(Feather.X));

    StatusBar(ObservableIntegerValue runningTasks) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setPadding(new Insets(4, 12, 4, 12));
        message.setId("status-message");
        message.setWrapText(false);
        dismiss.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        dismiss.setOnAction(e -> clear());
        dismiss.setVisible(false);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(javafx.beans.binding.Bindings.greaterThan(runningTasks, 0));
        Label build = new Label(BuildInfo.current().describe());
        build.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(message, dismiss, spacer, busy, build);
    }

    @Override
    public void info(String text) {
        onFx(() -> show(text, Feather.INFO, Styles.TEXT_MUTED));
    }

    @Override
    public void error(String text) {
        onFx(() -> show(text, Feather.ALERT_TRIANGLE, Styles.DANGER));
    }

    String text() {
        return message.getText();
    }

    private void show(String text, Feather icon, String style) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(style);
        FontIcon graphic = new FontIcon(icon);
        graphic.getStyleClass().add(style);
        message.setGraphic(graphic);
        message.setText(text);
        dismiss.setVisible(true);
    }

    private void clear() {
        message.setText("");
        message.setGraphic(null);
        dismiss.setVisible(false);
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
