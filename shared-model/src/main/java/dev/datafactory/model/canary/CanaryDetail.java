package dev.datafactory.model.canary;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.datafactory.model.run.EnvironmentFingerprint;

import java.util.Optional;

/** The {@code canary} object of a log line: the step of a job it reports and its evidence. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CanaryDetail(Optional<String> step, Optional<String> url, Optional<Integer> status,
                           Optional<String> verdict, Optional<String> screenshot,
                           Optional<EnvironmentFingerprint> fingerprint) {

    public static CanaryDetail step(String step) {
        return new CanaryDetail(Optional.of(step), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public CanaryDetail withUrl(String value) {
        return new CanaryDetail(step, Optional.ofNullable(value), status, verdict, screenshot, fingerprint);
    }

    public CanaryDetail withStatus(int value) {
        return new CanaryDetail(step, url, Optional.of(value), verdict, screenshot, fingerprint);
    }

    public CanaryDetail withVerdict(String value) {
        return new CanaryDetail(step, url, status, Optional.ofNullable(value), screenshot, fingerprint);
    }

    public CanaryDetail withScreenshot(String key) {
        return new CanaryDetail(step, url, status, verdict, Optional.ofNullable(key), fingerprint);
    }

    public CanaryDetail withFingerprint(EnvironmentFingerprint value) {
        return new CanaryDetail(step, url, status, verdict, screenshot, Optional.ofNullable(value));
    }
}
