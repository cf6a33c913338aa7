package dev.datafactory.console.compare;

/** Turns PNG bytes into pixels; the view uses JavaFX's decoder, tests may use another. */
@FunctionalInterface
public interface ScreenshotDecoder {

    Raster decode(byte[] png) throws Exception;
}
