package dev.datafactory.model.canary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Optional;

/**
 * One canary log line in Cloud Run's structured-logging shape: written as one JSON object per line
 * to stdout (Cloud Logging parses it) or to the local log store, read back the same way from both.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"severity", "message", "time", CanaryEvent.LABELS, CanaryEvent.TRACE, "canary"})
public record CanaryEvent(Severity severity, String message, Instant time,
                          @JsonProperty(LABELS) CanaryLabels labels,
                          @JsonProperty(TRACE) Optional<String> trace,
                          Optional<CanaryDetail> canary) {

    public static final String LABELS = "logging.googleapis.com/labels";
    public static final String TRACE = "logging.googleapis.com/trace";

    public static CanaryEvent of(Severity severity, String message, Instant time, CanaryLabels labels) {
        return new CanaryEvent(severity, message, time, labels, Optional.empty(), Optional.empty());
    }

    public CanaryEvent withDetail(CanaryDetail detail) {
        return new CanaryEvent(severity, message, time, labels, trace, Optional.of(detail));
    }

    public CanaryEvent withTrace(String value) {
        return new CanaryEvent(severity, message, time, labels, Optional.ofNullable(value), canary);
    }
}
