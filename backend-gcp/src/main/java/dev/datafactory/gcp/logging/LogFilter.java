package dev.datafactory.gcp.logging;

import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.LogQuery;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LogQuery} in the Cloud Logging query language, with the same semantics as
 * {@link LogQuery#matches}: label equality, {@code severity>=}, since inclusive, until exclusive,
 * and text as a case-insensitive substring of {@code jsonPayload.message} (the {@code :} operator).
 * Always confined to the worker's log, so list and tail stay narrow (tail quotas count per filter).
 */
public final class LogFilter {

    private LogFilter() {
    }

    public static String of(LogQuery q, String fullLogName) {
        List<String> clauses = new ArrayList<>();
        clauses.add("logName=" + quote(fullLogName));
        label(clauses, "run", q.run());
        label(clauses, "job", q.job());
        label(clauses, "schedule", q.schedule());
        label(clauses, "env", q.env());
        if (q.minSeverity() != Severity.DEFAULT) {
            clauses.add("severity>=" + q.minSeverity().name());
        }
        q.since().ifPresent(s -> clauses.add("timestamp>=" + quote(time(s))));
        q.until().ifPresent(u -> clauses.add("timestamp<" + quote(time(u))));
        q.text().ifPresent(t -> clauses.add("jsonPayload.message:" + quote(t)));
        return String.join(" AND ", clauses);
    }

    private static void label(List<String> clauses, String name, Optional<String> value) {
        value.ifPresent(v -> clauses.add("labels." + name + "=" + quote(v)));
    }

    private static String time(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i);
    }

    /** A string literal of the logging query language: double quotes, backslash escapes. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
