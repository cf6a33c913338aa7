package dev.datafactory.console.testscrape;

/** A screenshot that arrived while following a run: its artifact key and PNG bytes. */
public record Screenshot(String key, byte[] png) {

    public String step() {
        return dev.datafactory.console.compare.ScreenshotSteps.stepOf(key);
    }
}
