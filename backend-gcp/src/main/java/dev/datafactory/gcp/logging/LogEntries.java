package dev.datafactory.gcp.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.json.Json;

import java.time.Instant;
import java.util.Optional;

/**
 * Cloud Logging entries back into {@link CanaryEvent}s. Cloud Run's agent lifts the special fields
 * of a stdout JSON line ({@code severity}, {@code time}, the labels and trace) into the entry and
 * keeps the rest as {@code jsonPayload}; this puts them back into the line shape and reads it with
 * the same tolerant codec as the local log store.
 */
public final class LogEntries {

    private LogEntries() {
    }

    public static Optional<CanaryEvent> toEvent(LogEntry entry) {
        ObjectNode line;
        if (entry.hasJsonPayload()) {
            try {
                JsonNode payload = Json.mapper().readTree(JsonFormat.printer().print(entry.getJsonPayload()));
                line = payload instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
            } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
                return Optional.empty();
            }
        } else if (!entry.getTextPayload().isEmpty()) {
            line = JsonNodeFactory.instance.objectNode().put("message", entry.getTextPayload());
        } else {
            return Optional.empty();
        }
        line.put("severity", entry.getSeverity().name());
        if (entry.hasTimestamp()) {
            line.put("time", Instant.ofEpochSecond(entry.getTimestamp().getSeconds(), entry.getTimestamp().getNanos())
                    .toString());
        }
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        for (String name : new String[] {"run", "job", "schedule", "env", "build"}) {
            labels.put(name, entry.getLabelsOrDefault(name, ""));
        }
        line.set(CanaryEvent.LABELS, labels);
        if (!entry.getTrace().isEmpty()) {
            line.put(CanaryEvent.TRACE, entry.getTrace());
        }
        return CanaryEventCodec.parseLine(Json.write(line));
    }
}
