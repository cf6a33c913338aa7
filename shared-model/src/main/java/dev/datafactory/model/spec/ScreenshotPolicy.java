package dev.datafactory.model.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** When the worker keeps screenshots, and whether of the whole page. */
public record ScreenshotPolicy(When when, boolean fullPage) {

    public static ScreenshotPolicy defaults() {
        return new ScreenshotPolicy(When.ALWAYS, false);
    }

    public enum When {
        ALWAYS("always"), ON_FAILURE("onFailure"), NEVER("never");

        private final String wire;

        When(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        public static Optional<When> fromWire(String text) {
            return Arrays.stream(values()).filter(w -> w.wire.equals(text)).findFirst();
        }
    }
}
