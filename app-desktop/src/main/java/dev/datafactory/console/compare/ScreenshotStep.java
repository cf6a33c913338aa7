package dev.datafactory.console.compare;

import java.util.Optional;

/** One named step of two runs: the screenshot key each side has for it, if any. */
public record ScreenshotStep(String step, Optional<String> leftKey, Optional<String> rightKey) {

    @Override
    public String toString() {
        return step;
    }
}
