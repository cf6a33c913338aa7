package dev.datafactory.console.runs;

import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run records as workers write them, for tests that need history without running a scrape. */
public final class SampleRuns {

    private SampleRuns() {
    }

    public static EnvironmentFingerprint fingerprint(String host, String userAgent, boolean webdriver) {
        return new EnvironmentFingerprint(userAgent, webdriver, List.of("en-US", "en"), "UTC", 1280, 800,
                "120.0.6099.0", "Linux x86_64", Map.of("pluginsLength", "0"), Optional.empty(), host);
    }

    public static RunRecord record(String run, String schedule, RunStatus status, Instant started, String env) {
        BlockVerdict verdict = status == RunStatus.BLOCKED ? BlockVerdict.blockedBy(List.of("status:403"))
                : BlockVerdict.clear();
        return new RunRecord(run, run + "-job1", schedule, Trigger.SCHEDULE, 1, status, verdict,
                status.isSuccess() ? 12 : 0, 3, started, started.plusSeconds(7), "abc1234", env,
                fingerprint(env, "Mozilla/5.0 " + env, !env.equals("local")), List.of(), Optional.empty(),
                status == RunStatus.FAILED ? Optional.of("navigation timeout") : Optional.empty());
    }
}
