package dev.datafactory.model.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.datafactory.model.json.Json;

import java.nio.charset.StandardCharsets;

/** Run records are written by our own workers, so they are read with data binding, not strictly. */
public final class RunRecordCodec {

    private RunRecordCodec() {
    }

    public static byte[] toBytes(RunRecord record) {
        return Json.writePretty(record).getBytes(StandardCharsets.UTF_8);
    }

    public static RunRecord parse(byte[] json) {
        try {
            return Json.mapper().readValue(json, RunRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a run record: " + messageOf(e), e);
        }
    }

    private static String messageOf(java.io.IOException e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
