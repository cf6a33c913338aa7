package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.Severity;
import javafx.scene.control.ListCell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One log line (here and in Test scrape), coloured by severity through a style class ({@code sev-error}, {@code sev-warning}, ...). */
public final class LogLineCell extends ListCell<CanaryEvent> {

    private static final List<String> SEVERITY_CLASSES = List.of("sev-debug", "sev-info", "sev-notice",
            "sev-warning", "sev-error");

    private final DateTimeFormatter time;

    public LogLineCell(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(zone);
        getStyleClass().add("log-line");
    }

    @Override
    protected void updateItem(CanaryEvent event, boolean empty) {
        super.updateItem(event, empty);
        getStyleClass().removeAll(SEVERITY_CLASSES);
        if (empty || event == null) {
            setText(null);
            return;
        }
        getStyleClass().add(styleClassOf(event.severity()));
        setText(format(event));
    }

    String format(CanaryEvent e) {
        var l = e.labels();
        String step = e.canary().flatMap(c -> c.step()).map(s -> "[" + s + "] ").orElse("");
        String shot = e.canary().flatMap(c -> c.screenshot()).isPresent() ? "  +screenshot" : "";
        String run = l.run().isEmpty() ? "" : "  · run " + l.run() + (l.job().isEmpty() ? "" : " job " + l.job());
        // The message comes before the long ids, so it stays visible in a narrow window.
        return String.format(Locale.ROOT, "%s  %-8s %-9s %-16s %s%s%s%s", time.format(e.time()), e.severity(),
                l.env(), l.schedule(), step, e.message(), shot, run);
    }

    static String styleClassOf(Severity severity) {
        if (severity.atLeast(Severity.ERROR)) {
            return "sev-error";
        }
        return switch (severity) {
            case WARNING -> "sev-warning";
            case NOTICE -> "sev-notice";
            case INFO -> "sev-info";
            default -> "sev-debug";
        };
    }
}
