package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import javafx.css.PseudoClass;
import javafx.scene.control.ListCell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One log line (here and in Test scrape), coloured by severity through a pseudo-class
 * ({@code :sev-error}, {@code :sev-warning}, ...). A pseudo-class, not a style class: following a
 * flood re-uses every visible cell for a new line each frame, and a style-class change makes CSS
 * look up the cell's styles afresh, while a pseudo-class change only switches between cached ones.
 */
public final class LogLineCell extends ListCell<CanaryEvent> {

    private final DateTimeFormatter time;
    private PseudoClass severityState;

    public LogLineCell(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        getStyleClass().add("log-line");
    }

    @Override
    protected void updateItem(CanaryEvent event, boolean empty) {
        super.updateItem(event, empty);
        if (empty || event == null) {
            showSeverity(null);
            setText(null);
            return;
        }
        showSeverity(LogLineStyle.stateOf(event.severity()));
        setText(format(event));
    }

    private void showSeverity(PseudoClass state) {
        if (state == severityState) {
            return; // unchanged: no CSS work at all
        }
        if (severityState != null) {
            pseudoClassStateChanged(severityState, false);
        }
        if (state != null) {
            pseudoClassStateChanged(state, true);
        }
        severityState = state;
    }

    /** The cell's text; built only for the few lines on screen, never per received line. */
    String format(CanaryEvent e) {
        var l = e.labels();
        StringBuilder text = new StringBuilder(160);
        time.formatTo(e.time(), text);
        text.append("  ");
        pad(text, e.severity().name(), 8);
        pad(text, l.env(), 9);
        pad(text, l.schedule(), 16);
        e.canary().flatMap(c -> c.step()).ifPresent(s -> text.append('[').append(s).append("] "));
        // The message comes before the long ids, so it stays visible in a narrow window.
        text.append(e.message());
        if (e.canary().flatMap(c -> c.screenshot()).isPresent()) {
            text.append("  +screenshot");
        }
        if (!l.run().isEmpty()) {
            text.append("  · run ").append(l.run());
            if (!l.job().isEmpty()) {
                text.append(" job ").append(l.job());
            }
        }
        return text.toString();
    }

    /** Appends the value left-aligned in a column of the given width, then one space. */
    private static void pad(StringBuilder text, String value, int width) {
        text.append(value);
        for (int i = value.length(); i < width; i++) {
            text.append(' ');
        }
        text.append(' ');
    }
}
