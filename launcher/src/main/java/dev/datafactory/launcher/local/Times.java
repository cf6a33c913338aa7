package dev.datafactory.launcher.local;

import dev.datafactory.model.validation.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as the CLI shows and reads them: UTC, ISO-8601; relative inputs like {@code 15m}, {@code 2h}, {@code 1d}. */
final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhd])");

    private Times() {
    }

    static String show(Instant t) {
        return SHOWN.format(t);
    }

    static String show(Optional<Instant> t) {
        return t.map(Times::show).orElse("-");
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms / 1000 % 60) + " s";
    }

    /** An ISO instant, or an age ({@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}) counted back from now. */
    static Instant parseSince(String text, String option, Instant now) {
        Matcher m = RELATIVE.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("command line", option, "\"" + text + "\" is neither an ISO-8601 instant"
                    + " (2026-05-04T10:00:00Z) nor an age such as 30s, 15m, 2h or 7d");
        }
    }
}
