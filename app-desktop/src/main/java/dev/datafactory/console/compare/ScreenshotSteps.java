package dev.datafactory.console.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs two jobs' screenshots by step, and a page's failure screenshot ({@code blocked-product-1})
 * with the same page's normal one ({@code product-1}): that pair is the "works here, blocked there"
 * evidence. Keys end in {@code {nn}-{step}.png}; the same step name
 * repeated (several pages) is told apart by its occurrence, so the n-th "page" meets the n-th "page"
 * even when one run took an extra step before it.
 */
public final class ScreenshotSteps {

    private ScreenshotSteps() {
    }

    public static List<ScreenshotStep> pair(List<String> leftKeys, List<String> rightKeys) {
        Map<String, String> left = byStep(leftKeys);
        Map<String, String> right = byStep(rightKeys);
        Map<String, Boolean> order = new LinkedHashMap<>();
        left.keySet().forEach(k -> order.put(k, true));
        right.keySet().forEach(k -> order.put(k, true));
        List<ScreenshotStep> steps = new ArrayList<>();
        for (String step : order.keySet()) {
            steps.add(new ScreenshotStep(step, Optional.ofNullable(left.get(step)),
                    Optional.ofNullable(right.get(step))));
        }
        boolean nonePaired = steps.stream().noneMatch(s -> s.leftKey().isPresent() && s.rightKey().isPresent());
        return nonePaired && !left.isEmpty() && !right.isEmpty() ? byPosition(left, right) : steps;
    }

    /**
     * Two jobs that share no page (e.g. a run's blocked login wall against another job's product
     * page) would otherwise have nothing to diff: their screenshots meet in order instead.
     */
    private static List<ScreenshotStep> byPosition(Map<String, String> left, Map<String, String> right) {
        List<Map.Entry<String, String>> l = new ArrayList<>(left.entrySet());
        List<Map.Entry<String, String>> r = new ArrayList<>(right.entrySet());
        List<ScreenshotStep> steps = new ArrayList<>();
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            Optional<Map.Entry<String, String>> a = i < l.size() ? Optional.of(l.get(i)) : Optional.empty();
            Optional<Map.Entry<String, String>> b = i < r.size() ? Optional.of(r.get(i)) : Optional.empty();
            String name = a.isPresent() && b.isPresent() ? a.get().getKey() + " ↔ " + b.get().getKey()
                    : a.or(() -> b).orElseThrow().getKey();
            steps.add(new ScreenshotStep(name, a.map(Map.Entry::getValue), b.map(Map.Entry::getValue)));
        }
        return steps;
    }

    /** The step part of {@code canary/s/r/j/03-after-load.png}: {@code after-load}. */
    public static String stepOf(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        if (file.endsWith(".png")) {
            file = file.substring(0, file.length() - 4);
        }
        int dash = file.indexOf('-');
        if (dash > 0 && file.substring(0, dash).chars().allMatch(Character::isDigit)) {
            return file.substring(dash + 1);
        }
        return file;
    }

    /** Step prefixes the worker gives screenshots of pages that failed; the rest names the page. */
    private static final List<String> FAILURE_PREFIXES = List.of("blocked-", "failed-", "http-error-", "timeout-");

    /** The page a step shows: {@code blocked-product-1} and {@code product-1} are the same page. */
    public static String pageOf(String step) {
        for (String prefix : FAILURE_PREFIXES) {
            if (step.startsWith(prefix) && step.length() > prefix.length()) {
                return step.substring(prefix.length());
            }
        }
        return step;
    }

    private static Map<String, String> byStep(List<String> keys) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, String> result = new LinkedHashMap<>();
        keys.stream().filter(k -> k.endsWith(".png")).sorted().forEach(key -> {
            String step = pageOf(stepOf(key));
            int n = seen.merge(step, 1, Integer::sum);
            result.put(n == 1 ? step : step + " #" + n, key);
        });
        return result;
    }
}
