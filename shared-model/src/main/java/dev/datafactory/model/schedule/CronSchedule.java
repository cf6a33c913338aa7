package dev.datafactory.model.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.datafactory.model.validation.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A UNIX 5-field cron expression as Cloud Scheduler takes it, evaluated in an IANA time zone.
 *
 * <p>Matching is done on wall-clock time (cron-utils evaluates the expression against local
 * date-times) and only then mapped to instants, so that DST is handled by one explicit rule: a slot
 * that falls into a spring-forward gap fires shifted forward by the gap, a slot that repeats in a
 * fall-back overlap fires once, at its first occurrence.
 */
public final class CronSchedule {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final CronParser PARSER = new CronParser(UNIX);
    /** Searching more than this many slots for one firing means the expression can never fire. */
    private static final int MAX_SKIPS = 10_000;

    private final String expression;
    private final Cron cron;
    private final ExecutionTime execution;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.cron = cron;
        this.execution = ExecutionTime.forCron(cron);
    }

    /** Parses {@code expression}; problems are reported under {@code path}. */
    public static CronSchedule parse(String expression, String path) {
        String trimmed = expression == null ? "" : expression.trim().replaceAll("\\s+", " ");
        if (trimmed.isEmpty()) {
            throw InvalidInputException.of("cron expression", path, "must not be empty; e.g. \"0 9 * * 1-5\"");
        }
        String[] fields = trimmed.split(" ");
        if (fields.length != 5) {
            throw InvalidInputException.of("cron expression", path, "must have 5 fields (minute hour day-of-month"
                    + " month day-of-week), found " + fields.length + " in \"" + trimmed + "\"");
        }
        try {
            Cron cron = PARSER.parse(trimmed).validate();
            return new CronSchedule(trimmed, cron);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cron expression", path, "\"" + trimmed + "\" is not a valid cron"
                    + " expression: " + e.getMessage());
        }
    }

    public static CronSchedule parse(String expression) {
        return parse(expression, "cron");
    }

    public String expression() {
        return expression;
    }

    /** English description, e.g. "at 09:00 every day between Monday and Friday". */
    public String describe() {
        String text = CronDescriptor.instance(Locale.UK).describe(cron).trim();
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The first firing strictly after {@code after}, in {@code zone}. */
    public Optional<FireTime> next(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < MAX_SKIPS; i++) {
            Optional<ZonedDateTime> match = execution.nextExecution(cursor.atZone(ZoneOffset.UTC));
            if (match.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime slot = match.get().toLocalDateTime();
            List<ZoneOffset> offsets = rules.getValidOffsets(slot);
            FireTime fire;
            if (offsets.isEmpty()) {
                Instant shifted = ZonedDateTime.ofLocal(slot, zone, null).toInstant();
                fire = new FireTime(shifted, slot, FireTime.DstEffect.SHIFTED_BY_GAP);
            } else if (offsets.size() > 1) {
                Instant first = slot.toInstant(offsets.get(0));
                fire = new FireTime(first, slot, FireTime.DstEffect.REPEATED_ONCE);
            } else {
                fire = new FireTime(slot.toInstant(offsets.get(0)), slot, FireTime.DstEffect.NONE);
            }
            if (fire.instant().isAfter(after)) {
                return Optional.of(fire);
            }
            cursor = slot;
        }
        return Optional.empty();
    }

    /** The next {@code count} firings strictly after {@code after}. */
    public List<FireTime> nextFireTimes(Instant after, ZoneId zone, int count) {
        List<FireTime> result = new ArrayList<>(count);
        Instant cursor = after;
        while (result.size() < count) {
            Optional<FireTime> next = next(cursor, zone);
            if (next.isEmpty()) {
                break;
            }
            result.add(next.get());
            cursor = next.get().instant();
        }
        return result;
    }

    /**
     * The latest firing strictly after {@code after} and at or before {@code atOrBefore}: what a
     * scheduler that was down fires once on its return, instead of once per missed slot.
     */
    public Optional<FireTime> latestBetween(Instant after, Instant atOrBefore, ZoneId zone) {
        // Any schedule that fires at least monthly has its latest slot within the last 40 days;
        // starting there bounds the walk for frequent schedules after a long downtime.
        Instant windowStart = atOrBefore.minus(Duration.ofDays(40));
        Optional<FireTime> latest = latestFrom(after.isAfter(windowStart) ? after : windowStart, atOrBefore, zone);
        if (latest.isEmpty() && windowStart.isAfter(after)) {
            latest = latestFrom(after, atOrBefore, zone);
        }
        return latest;
    }

    private Optional<FireTime> latestFrom(Instant from, Instant atOrBefore, ZoneId zone) {
        Optional<FireTime> latest = Optional.empty();
        Instant cursor = from;
        for (int i = 0; i < 100_000; i++) {
            Optional<FireTime> next = next(cursor, zone);
            if (next.isEmpty() || next.get().instant().isAfter(atOrBefore)) {
                break;
            }
            latest = next;
            cursor = next.get().instant();
        }
        return latest;
    }

    @Override
    public String toString() {
        return expression;
    }
}
