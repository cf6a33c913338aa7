package dev.datafactory.console.compare;

import dev.datafactory.model.run.EnvironmentFingerprint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Lines up two environment fingerprints row by row, keeping keys only one side has (headless hints vary). */
public final class FingerprintDiff {

    static final String ABSENT = "—";

    private FingerprintDiff() {
    }

    public static List<FingerprintRow> rows(Optional<EnvironmentFingerprint> left,
                                            Optional<EnvironmentFingerprint> right) {
        Map<String, String> l = left.map(EnvironmentFingerprint::rows).orElse(Map.of());
        Map<String, String> r = right.map(EnvironmentFingerprint::rows).orElse(Map.of());
        Set<String> keys = new LinkedHashSet<>(l.keySet());
        keys.addAll(r.keySet());
        List<FingerprintRow> rows = new ArrayList<>(keys.size());
        for (String key : keys) {
            String a = l.getOrDefault(key, ABSENT);
            String b = r.getOrDefault(key, ABSENT);
            rows.add(new FingerprintRow(key, a, b, !a.equals(b)));
        }
        return rows;
    }

    public static long differences(List<FingerprintRow> rows) {
        return rows.stream().filter(FingerprintRow::differs).count();
    }
}
