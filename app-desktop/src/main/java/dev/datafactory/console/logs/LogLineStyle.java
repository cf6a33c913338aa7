package dev.datafactory.console.logs;

import dev.datafactory.model.canary.Severity;
import javafx.css.PseudoClass;

/** The five colours a log line can have: the severity's CSS pseudo-class ({@code :sev-error}, ...). */
final class LogLineStyle {

    private static final PseudoClass DEBUG = PseudoClass.getPseudoClass("sev-debug");
    private static final PseudoClass INFO = PseudoClass.getPseudoClass("sev-info");
    private static final PseudoClass NOTICE = PseudoClass.getPseudoClass("sev-notice");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("sev-warning");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("sev-error");

    private LogLineStyle() {
    }

    static PseudoClass stateOf(Severity severity) {
        if (severity.atLeast(Severity.ERROR)) {
            return ERROR;
        }
        return switch (severity) {
            case WARNING -> WARNING;
            case NOTICE -> NOTICE;
            case INFO -> INFO;
            default -> DEBUG;
        };
    }
}
