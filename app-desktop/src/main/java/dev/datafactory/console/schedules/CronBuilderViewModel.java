package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.CronSchedule;
import dev.datafactory.model.schedule.FireTime;
import dev.datafactory.model.validation.InvalidInputException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The visual cron builder: mode and its fields on one side, the raw expression on the other, kept
 * in sync both ways. Editing a builder field rewrites the raw expression; typing a raw expression
 * sets the builder when a mode produces it, else switches to CUSTOM. Every change revalidates and
 * recomputes the English description and the next fire times in both zones.
 */
public final class CronBuilderViewModel {

    static final int FIRE_TIMES = 10;
    /** How far ahead DST trouble is looked for beyond the listed fire times (bounded to stay instant). */
    private static final int DST_LOOKAHEAD_FIRES = 400;

    private final Clock clock;
    private final ZoneId operatorZone;

    private final ObjectProperty<CronMode> mode = new SimpleObjectProperty<>(this, "mode", CronMode.WEEKDAYS);
    private final IntegerProperty everyMinutes = new SimpleIntegerProperty(this, "everyMinutes", 15);
    private final IntegerProperty minute = new SimpleIntegerProperty(this, "minute", 0);
    private final IntegerProperty hour = new SimpleIntegerProperty(this, "hour", 9);
    private final IntegerProperty dayOfMonth = new SimpleIntegerProperty(this, "dayOfMonth", 1);
    private final Map<DayOfWeek, BooleanProperty> days = new EnumMap<>(DayOfWeek.class);
    private final StringProperty raw = new SimpleStringProperty(this, "raw", "");
    private final StringProperty zone = new SimpleStringProperty(this, "zone", "UTC");

    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper dstWarning = new ReadOnlyStringWrapper(this, "dstWarning", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ObservableList<FireTimeRow> fireTimes = FXCollections.observableArrayList();
    private final ObservableList<FireTimeRow> fireTimesView = FXCollections.unmodifiableObservableList(fireTimes);

    /** Set while one side writes the other, so the echo does not bounce back. */
    private boolean syncing;

    public CronBuilderViewModel(Clock clock, ZoneId operatorZone) {
        this.clock = clock;
        this.operatorZone = operatorZone;
        for (DayOfWeek d : DayOfWeek.values()) {
            BooleanProperty p = new SimpleBooleanProperty(this, d.name(), d == DayOfWeek.MONDAY);
            days.put(d, p);
            p.addListener((obs, was, now) -> builderChanged());
        }
        mode.addListener((obs, was, now) -> builderChanged());
        everyMinutes.addListener((obs, was, now) -> builderChanged());
        minute.addListener((obs, was, now) -> builderChanged());
        hour.addListener((obs, was, now) -> builderChanged());
        dayOfMonth.addListener((obs, was, now) -> builderChanged());
        raw.addListener((obs, was, now) -> rawChanged());
        zone.addListener((obs, was, now) -> recompute());
        raw.set(CronPattern.defaults().toCron().orElseThrow());
    }

    public ObjectProperty<CronMode> modeProperty() {
        return mode;
    }

    public IntegerProperty everyMinutesProperty() {
        return everyMinutes;
    }

    public IntegerProperty minuteProperty() {
        return minute;
    }

    public IntegerProperty hourProperty() {
        return hour;
    }

    public IntegerProperty dayOfMonthProperty() {
        return dayOfMonth;
    }

    public BooleanProperty dayProperty(DayOfWeek day) {
        return days.get(day);
    }

    /** The expression as stored; what Cloud Scheduler receives. */
    public StringProperty rawProperty() {
        return raw;
    }

    /** The schedule's IANA time zone, as typed in the editor. */
    public StringProperty zoneProperty() {
        return zone;
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** Empty when valid; otherwise what is wrong and how to fix it. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Empty unless a fire time (listed, or within the next {@value #DST_LOOKAHEAD_FIRES}) meets a DST change. */
    public ReadOnlyStringProperty dstWarningProperty() {
        return dstWarning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The next {@value #FIRE_TIMES} fire times, read-only. */
    public ObservableList<FireTimeRow> fireTimes() {
        return fireTimesView;
    }

    public ZoneId operatorZone() {
        return operatorZone;
    }

    /** The builder fields as one value. */
    public CronPattern pattern() {
        Set<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
        days.forEach((d, p) -> {
            if (p.get()) {
                chosen.add(d);
            }
        });
        return new CronPattern(mode.get(), everyMinutes.get(), minute.get(), hour.get(), chosen, dayOfMonth.get());
    }

    private void builderChanged() {
        if (syncing) {
            return;
        }
        CronPattern p = pattern();
        Optional<String> problem = p.problem();
        if (problem.isPresent()) {
            showInvalid(problem.get());
            return;
        }
        p.toCron().ifPresentOrElse(text -> write(() -> raw.set(text)), this::recompute);
    }

    private void rawChanged() {
        if (!syncing) {
            CronPattern parsed = CronPattern.fromCron(raw.get(), pattern());
            write(() -> apply(parsed));
        }
        recompute();
    }

    private void apply(CronPattern p) {
        mode.set(p.mode());
        everyMinutes.set(p.everyMinutes());
        minute.set(p.minute());
        hour.set(p.hour());
        dayOfMonth.set(p.dayOfMonth());
        if (p.mode() == CronMode.WEEKLY) {
            days.forEach((d, prop) -> prop.set(p.days().contains(d)));
        }
    }

    private void write(Runnable change) {
        syncing = true;
        try {
            change.run();
        } finally {
            syncing = false;
        }
    }

    private void recompute() {
        ZoneId scheduleZone;
        try {
            scheduleZone = ZoneId.of(zone.get() == null ? "" : zone.get().trim());
        } catch (DateTimeException e) {
            showInvalid("Unknown time zone \"" + zone.get() + "\"; use an IANA name such as Europe/Berlin or UTC");
            return;
        }
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(raw.get(), "cron");
        } catch (InvalidInputException e) {
            showInvalid(e.problems().get(0).reason());
            return;
        }
        Instant now = clock.instant();
        List<FireTime> upcoming = cron.nextFireTimes(now, scheduleZone, FIRE_TIMES);
        fireTimes.setAll(upcoming.stream().map(f -> FireTimeFormat.row(f, scheduleZone, operatorZone)).toList());
        description.set(CronText.describe(cron));
        error.set(upcoming.isEmpty() ? "This expression never fires (e.g. 31 February); choose another day." : "");
        valid.set(!upcoming.isEmpty());
        dstWarning.set(dstWarning(cron, upcoming, scheduleZone));
    }

    private String dstWarning(CronSchedule cron, List<FireTime> upcoming, ZoneId scheduleZone) {
        Optional<FireTime> affected = upcoming.stream().filter(f -> f.dstEffect() != FireTime.DstEffect.NONE)
                .findFirst();
        if (affected.isEmpty() && !upcoming.isEmpty()) {
            Instant cursor = upcoming.get(upcoming.size() - 1).instant();
            Instant horizon = cursor.plus(Duration.ofDays(400));
            for (int i = 0; i < DST_LOOKAHEAD_FIRES && affected.isEmpty() && cursor.isBefore(horizon); i++) {
                Optional<FireTime> next = cron.next(cursor, scheduleZone);
                if (next.isEmpty()) {
                    break;
                }
                cursor = next.get().instant();
                affected = next.filter(f -> f.dstEffect() != FireTime.DstEffect.NONE);
            }
        }
        return affected.map(f -> "Daylight saving: " + FireTimeFormat.note(f, scheduleZone) + ".").orElse("");
    }

    private void showInvalid(String message) {
        error.set(message);
        valid.set(false);
        description.set("");
        fireTimes.clear();
        dstWarning.set("");
    }
}
