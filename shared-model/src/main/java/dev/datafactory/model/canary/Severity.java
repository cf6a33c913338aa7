package dev.datafactory.model.canary;

/** Cloud Logging's severities, in order; the local log store uses the same set. */
public enum Severity {
    DEFAULT, DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Tolerant: unknown names (other log sources) count as DEFAULT. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Severity parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        String upper = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("WARN")) {
            return WARNING;
        }
        for (Severity s : values()) {
            if (s.name().equals(upper)) {
                return s;
            }
        }
        return DEFAULT;
    }
}
