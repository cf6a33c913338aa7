package dev.datafactory.console.schedules;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One visual-builder setting and its cron expression, both ways. {@link #fromCron(String)}
 * recognises exactly the expressions {@link #toCron()} can produce (plus their common spellings:
 * day names, {@code 7} for Sunday, {@code *}{@code /1}); anything else is {@link CronMode#CUSTOM}.
 */
public record CronPattern(CronMode mode, int everyMinutes, int minute, int hour, Set<DayOfWeek> days,
                          int dayOfMonth) {

    private static final Map<String, DayOfWeek> DAY_NAMES = Map.of("SUN", DayOfWeek.SUNDAY, "MON", DayOfWeek.MONDAY,
            "TUE", DayOfWeek.TUESDAY, "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY,
            "SAT", DayOfWeek.SATURDAY);

    public CronPattern {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** What a new schedule starts with: weekdays at 09:00. */
    public static CronPattern defaults() {
        return new CronPattern(CronMode.WEEKDAYS, 15, 0, 9, Set.of(DayOfWeek.MONDAY), 1);
    }

    /** The expression for this setting; CUSTOM has none (the raw text is the truth). */
    public Optional<String> toCron() {
        return switch (mode) {
            case EVERY_N_MINUTES -> Optional.of((everyMinutes == 1 ? "*" : "*/" + everyMinutes) + " * * * *");
            case HOURLY -> Optional.of(minute + " * * * *");
            case DAILY -> Optional.of(minute + " " + hour + " * * *");
            case WEEKDAYS -> Optional.of(minute + " " + hour + " * * 1-5");
            case WEEKLY -> Optional.of(minute + " " + hour + " * * " + cronDays());
            case MONTHLY -> Optional.of(minute + " " + hour + " " + dayOfMonth + " * *");
            case CUSTOM -> Optional.empty();
        };
    }

    /** Problems that keep this setting from being a valid expression, in the builder's words. */
    public Optional<String> problem() {
        return switch (mode) {
            case EVERY_N_MINUTES -> everyMinutes < 1 || everyMinutes > 59
                    ? Optional.of("Every N minutes: N must be between 1 and 59") : Optional.empty();
            case HOURLY -> minuteProblem();
            case DAILY, WEEKDAYS -> minuteProblem().or(this::hourProblem);
            case WEEKLY -> minuteProblem().or(this::hourProblem).or(() -> days.isEmpty()
                    ? Optional.of("Weekly: choose at least one day") : Optional.empty());
            case MONTHLY -> minuteProblem().or(this::hourProblem).or(() -> dayOfMonth < 1 || dayOfMonth > 31
                    ? Optional.of("Monthly: the day must be between 1 and 31") : Optional.empty());
            case CUSTOM -> Optional.empty();
        };
    }

    /** Reads an expression back into a builder setting; CUSTOM when no builder mode produces it. */
    public static CronPattern fromCron(String expression, CronPattern fallback) {
        String[] f = expression == null ? new String[0] : expression.trim().split("\\s+");
        CronPattern custom = fallback.withMode(CronMode.CUSTOM);
        if (f.length != 5) {
            return custom;
        }
        String min = f[0];
        String hr = f[1];
        String dom = f[2];
        String mon = f[3];
        String dow = f[4];
        if (!mon.equals("*")) {
            return custom;
        }
        if (hr.equals("*") && dom.equals("*") && dow.equals("*")) {
            if (min.equals("*")) {
                return fallback.with(CronMode.EVERY_N_MINUTES, 1, fallback.minute, fallback.hour);
            }
            if (min.startsWith("*/")) {
                return number(min.substring(2), 1, 59)
                        .map(n -> fallback.with(CronMode.EVERY_N_MINUTES, n, fallback.minute, fallback.hour))
                        .orElse(custom);
            }
            return number(min, 0, 59).map(m -> fallback.with(CronMode.HOURLY, fallback.everyMinutes, m, fallback.hour))
                    .orElse(custom);
        }
        Optional<Integer> m = number(min, 0, 59);
        Optional<Integer> h = number(hr, 0, 23);
        if (m.isEmpty() || h.isEmpty()) {
            return custom;
        }
        CronPattern at = fallback.with(CronMode.DAILY, fallback.everyMinutes, m.get(), h.get());
        if (dom.equals("*") && dow.equals("*")) {
            return at;
        }
        if (dom.equals("*")) {
            return days(dow).map(d -> d.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                    ? at.withMode(CronMode.WEEKDAYS)
                    : new CronPattern(CronMode.WEEKLY, at.everyMinutes, at.minute, at.hour, d, at.dayOfMonth))
                    .orElse(custom);
        }
        if (dow.equals("*")) {
            return number(dom, 1, 31).map(d -> new CronPattern(CronMode.MONTHLY, at.everyMinutes, at.minute, at.hour,
                    at.days, d)).orElse(custom);
        }
        return custom;
    }

    public CronPattern withMode(CronMode newMode) {
        return new CronPattern(newMode, everyMinutes, minute, hour, days, dayOfMonth);
    }

    private CronPattern with(CronMode newMode, int newEvery, int newMinute, int newHour) {
        return new CronPattern(newMode, newEvery, newMinute, newHour, days, dayOfMonth);
    }

    private String cronDays() {
        // Cron counts Sunday as 0; list days in that order so the text reads like the week.
        return EnumSet.copyOf(days.isEmpty() ? EnumSet.of(DayOfWeek.MONDAY) : days).stream()
                .map(d -> d.getValue() % 7).sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    private Optional<String> minuteProblem() {
        return minute < 0 || minute > 59 ? Optional.of("The minute must be between 0 and 59") : Optional.empty();
    }

    private Optional<String> hourProblem() {
        return hour < 0 || hour > 23 ? Optional.of("The hour must be between 0 and 23") : Optional.empty();
    }

    private static Optional<Integer> number(String text, int min, int max) {
        if (!text.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(text);
        return n >= min && n <= max ? Optional.of(n) : Optional.empty();
    }

    /** A list of single days, day names or ranges such as {@code 1-5}, {@code MON,WED}, {@code 0,6}. */
    private static Optional<Set<DayOfWeek>> days(String field) {
        EnumSet<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : field.split(",", -1)) {
            String[] range = part.split("-", -1);
            if (range.length > 2) {
                return Optional.empty();
            }
            Optional<Integer> from = dayNumber(range[0]);
            Optional<Integer> to = range.length == 2 ? dayNumber(range[1]) : from;
            if (from.isEmpty() || to.isEmpty() || to.get() < from.get()) {
                return Optional.empty();
            }
            for (int d = from.get(); d <= to.get(); d++) {
                result.add(d % 7 == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(d % 7));
            }
        }
        return result.isEmpty() ? Optional.empty() : Optional.of(result);
    }

    private static Optional<Integer> dayNumber(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (DAY_NAMES.containsKey(upper)) {
            return Optional.of(DAY_NAMES.get(upper).getValue() % 7);
        }
        return number(text, 0, 7);
    }
}
