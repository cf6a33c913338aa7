package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.CronSchedule;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cron expression in plain English, the one place the console words it (the schedules table,
 * the editor, messages). Expressions the visual builder produces read like a person would say them
 * ("Monday to Friday at 09:00"); any other expression gets cron-utils' description with its
 * artefacts ("at 1 day at January month") rewritten into English.
 */
public final class CronText {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final String DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
    private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October"
            + "|November|December)";
    private static final String NUMBERS = "\\d+(?:(?:, | and )\\d+)*";

    /**
     * cron-utils' phrases and their English, applied in order. They match its wording (UK locale),
     * not particular expressions, so they apply wherever the phrase occurs.
     */
    private static final List<Rewrite> REWRITES = List.of(
            // "every 15 minutes every hour between 9 and 17": the minutes repeat within those hours.
            new Rewrite("(every minute|every \\d+ minutes) every hour between (\\d+) and (\\d+)",
                    m -> m.group(1) + " between " + clock(m.group(2), "00") + " and " + clock(m.group(3), "59")),
            new Rewrite("at (\\d+) minute every hour between (\\d+) and (\\d+)",
                    m -> "every hour from " + clock(m.group(2), m.group(1)) + " to " + clock(m.group(3), m.group(1))),
            // Minute 0 is left unsaid by cron-utils in "0 9-17 * * *".
            new Rewrite("every hour between (\\d+) and (\\d+)",
                    m -> "every hour from " + clock(m.group(1), "00") + " to " + clock(m.group(2), "00")),
            new Rewrite("every minute at (\\d+) hour",
                    m -> "every minute between " + clock(m.group(1), "00") + " and " + clock(m.group(1), "59")),
            new Rewrite("at minute (\\d+)", m -> "at :" + twoDigits(m.group(1))),
            new Rewrite("at (\\d+) minute\\b", m -> "at :" + twoDigits(m.group(1)) + " past"),
            new Rewrite("at (" + NUMBERS + ") minutes", m -> "at minutes " + m.group(1) + " of every hour"),
            new Rewrite("at (" + NUMBERS + ") hours", m -> "in hours " + m.group(1)),
            new Rewrite("every day between (" + DAY + ") and (" + DAY + ")",
                    m -> ", " + m.group(1) + " to " + m.group(2)),
            new Rewrite("at day (" + DAY + ")", m -> "on " + m.group(1)),
            new Rewrite("at (" + DAY + "(?:(?:, | and )" + DAY + ")*) days?", m -> "on " + m.group(1)),
            new Rewrite("every day between (\\d+) and (\\d+)",
                    m -> "on days " + m.group(1) + " to " + m.group(2) + " of the month"),
            new Rewrite("at (\\d+) day\\b", m -> "on day " + m.group(1) + " of the month"),
            new Rewrite("at (" + NUMBERS + ") days", m -> "on days " + m.group(1) + " of the month"),
            new Rewrite("every month between (" + MONTH + ") and (" + MONTH + ")",
                    m -> "from " + m.group(1) + " to " + m.group(2)),
            new Rewrite("at (" + MONTH + "(?:(?:, | and )" + MONTH + ")*) months?", m -> "in " + m.group(1)));

    private CronText() {
    }

    /** The schedule's timing in English, e.g. "Every Monday, Wednesday and Friday at 08:00". */
    public static String describe(CronSchedule cron) {
        CronPattern pattern = CronPattern.fromCron(cron.expression(), CronPattern.defaults());
        return pattern.mode() == CronMode.CUSTOM ? fallback(cron.describe()) : builder(pattern);
    }

    private static String builder(CronPattern p) {
        String at = twoDigits(p.hour()) + ":" + twoDigits(p.minute());
        return switch (p.mode()) {
            case EVERY_N_MINUTES -> p.everyMinutes() == 1 ? "Every minute" : "Every " + p.everyMinutes() + " minutes";
            case HOURLY -> "Every hour at :" + twoDigits(p.minute());
            case DAILY -> "Every day at " + at;
            case WEEKDAYS -> "Monday to Friday at " + at;
            case WEEKLY -> weekly(p.days()) + " at " + at;
            case MONTHLY -> "On day " + p.dayOfMonth() + " of every month at " + at;
            case CUSTOM -> throw new IllegalArgumentException("a custom expression has no builder wording");
        };
    }

    private static String weekly(Set<DayOfWeek> days) {
        if (days.size() == DayOfWeek.values().length) {
            return "Every day";
        }
        if (days.equals(WEEKDAYS)) {
            return "Monday to Friday";
        }
        // Monday first, as the builder's day boxes and most calendars list them.
        List<String> names = EnumSet.copyOf(days).stream().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .toList();
        return "Every " + list(names);
    }

    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** cron-utils' own wording with its artefacts rewritten; "" stays "" (nothing to describe). */
    static String fallback(String described) {
        String text = described.trim();
        for (Rewrite r : REWRITES) {
            text = r.apply(text);
        }
        text = text.replaceAll("\\s+", " ").replace(" ,", ",").replaceAll("^, ", "").trim();
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String clock(String hour, String minute) {
        return twoDigits(hour) + ":" + twoDigits(minute);
    }

    private static String twoDigits(String number) {
        return twoDigits(Integer.parseInt(number));
    }

    private static String twoDigits(int number) {
        return number < 10 ? "0" + number : String.valueOf(number);
    }

    private record Rewrite(Pattern pattern, Function<MatchResult, String> replacement) {

        Rewrite(String regex, Function<MatchResult, String> replacement) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), replacement);
        }

        String apply(String text) {
            return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
        }
    }
}
