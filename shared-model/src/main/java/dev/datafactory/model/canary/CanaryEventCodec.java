package dev.datafactory.model.canary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.datafactory.model.json.Json;

import java.io.IOException;
import java.util.Optional;

/**
 * One JSON line per event. Reading is tolerant (log lines may come from other versions or carry
 * fields Cloud Logging adds), but a line that is not an event at all is reported as empty.
 */
public final class CanaryEventCodec {

    private static final ObjectReader READER = Json.mapper().readerFor(CanaryEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CanaryEventCodec() {
    }

    public static String toLine(CanaryEvent event) {
        return Json.write(event);
    }

    public static Optional<CanaryEvent> parseLine(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        try {
            CanaryEvent event = READER.readValue(line);
            if (event == null || event.time() == null || event.message() == null) {
                return Optional.empty();
            }
            CanaryLabels labels = event.labels() == null ? new CanaryLabels("", "", "", "", "") : event.labels();
            Severity severity = event.severity() == null ? Severity.DEFAULT : event.severity();
            return Optional.of(new CanaryEvent(severity, event.message(), event.time(), nonNull(labels),
                    event.trace() == null ? Optional.empty() : event.trace(),
                    event.canary() == null ? Optional.empty() : event.canary()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static CanaryLabels nonNull(CanaryLabels l) {
        return new CanaryLabels(orEmpty(l.run()), orEmpty(l.job()), orEmpty(l.schedule()), orEmpty(l.env()),
                orEmpty(l.build()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
