package dev.datafactory.console.runs;

import dev.datafactory.model.run.RunRecord;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Aggregates job records into per-day, per-schedule outcome counts for the chart. */
public final class RunStats {

    private RunStats() {
    }

    /**
     * Days are the operator's calendar days ({@code zone}), by when the job started, so a run at
     * 23:30 local time lands on the day the operator remembers.
     */
    public static List<DayCount> perDay(Collection<RunRecord> records, ZoneId zone) {
        record Key(LocalDate day, String schedule) {
        }
        Map<Key, int[]> counts = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::schedule));
        for (RunRecord r : records) {
            Key key = new Key(r.startedAt().atZone(zone).toLocalDate(), r.scheduleId());
            int[] c = counts.computeIfAbsent(key, k -> new int[3]);
            switch (r.status()) {
                case SUCCEEDED -> c[0]++;
                case BLOCKED -> c[1]++;
                case FAILED, TIMED_OUT -> c[2]++;
                case CANCELLED -> {
                    // An operator's decision, not an outcome of the site or the worker: not charted.
                }
            }
        }
        List<DayCount> result = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> result.add(new DayCount(k.day(), k.schedule(), c[0], c[1], c[2])));
        return result;
    }
}
