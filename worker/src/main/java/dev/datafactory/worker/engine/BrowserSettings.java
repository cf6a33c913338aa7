package dev.datafactory.worker.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Chromium to run and how. A system Chromium is used when {@code DATAFACTORY_CHROMIUM} names
 * one or a distribution package is installed (this is what makes the worker start without a
 * browser download); otherwise Playwright's own downloaded Chromium is used, as Playwright does by
 * default.
 *
 * @param executable       the browser binary, or empty for Playwright's downloaded Chromium
 * @param extraArgs        added after the defaults (tests use it to pin a proxy, operators to tune)
 * @param recycleAfterJobs the browser is relaunched after this many jobs, bounding leaks in long runs
 */
public record BrowserSettings(Optional<Path> executable, List<String> extraArgs, int recycleAfterJobs) {

    public static final String ENV_CHROMIUM = "DATAFACTORY_CHROMIUM";
    static final int DEFAULT_RECYCLE_AFTER_JOBS = 200;

    private static final List<Path> SYSTEM_CANDIDATES = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"),
            Path.of("/usr/bin/google-chrome-stable"));

    public BrowserSettings {
        extraArgs = List.copyOf(extraArgs);
        if (recycleAfterJobs < 1) {
            throw new IllegalArgumentException("recycleAfterJobs must be at least 1, was " + recycleAfterJobs);
        }
    }

    /** From the environment: {@code DATAFACTORY_CHROMIUM}, then a system package, then Playwright's download. */
    public static BrowserSettings discover(Map<String, String> env) {
        String configured = env.getOrDefault(ENV_CHROMIUM, "").trim();
        if (!configured.isEmpty()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new IllegalArgumentException(ENV_CHROMIUM + "=" + configured
                        + " is not an executable file; point it at a Chromium binary or unset it");
            }
            return new BrowserSettings(Optional.of(path), List.of(), DEFAULT_RECYCLE_AFTER_JOBS);
        }
        Optional<Path> system = SYSTEM_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        return new BrowserSettings(system, List.of(), DEFAULT_RECYCLE_AFTER_JOBS);
    }

    public BrowserSettings withExtraArgs(List<String> args) {
        return new BrowserSettings(executable, args, recycleAfterJobs);
    }

    public BrowserSettings withRecycleAfterJobs(int jobs) {
        return new BrowserSettings(executable, extraArgs, jobs);
    }
}
