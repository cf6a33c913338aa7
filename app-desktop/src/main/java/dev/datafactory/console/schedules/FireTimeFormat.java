package dev.datafactory.console.schedules;

import dev.datafactory.model.schedule.FireTime;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes fire times: weekday, date, time and zone abbreviation, in English. */
final class FireTimeFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private FireTimeFormat() {
    }

    static String at(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }

    static FireTimeRow row(FireTime fire, ZoneId scheduleZone, ZoneId operatorZone) {
        return new FireTimeRow(at(fire.instant(), scheduleZone), at(fire.instant(), operatorZone), fire.dstEffect(),
                note(fire, scheduleZone));
    }

    /** Empty for ordinary slots; otherwise what the clock change does to this one. */
    static String note(FireTime fire, ZoneId zone) {
        String slot = SLOT.format(fire.slot());
        return switch (fire.dstEffect()) {
            case NONE -> "";
            case SHIFTED_BY_GAP -> slot + " does not exist in " + zone.getId() + " (clocks go forward); it fires at "
                    + DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).format(fire.instant().atZone(zone)) + " instead";
            case REPEATED_ONCE -> slot + " happens twice in " + zone.getId() + " (clocks go back); it fires once, at"
                    + " the first";
        };
    }
}
