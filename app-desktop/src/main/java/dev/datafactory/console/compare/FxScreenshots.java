package dev.datafactory.console.compare;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import java.io.ByteArrayInputStream;

/** Between PNG bytes, pixel arrays and JavaFX images; decoding is safe off the FX thread. */
public final class FxScreenshots implements ScreenshotDecoder {

    @Override
    public Raster decode(byte[] png) {
        Image image = new Image(new ByteArrayInputStream(png));
        if (image.isError()) {
            throw new IllegalArgumentException("not a readable PNG screenshot ("
                    + (image.getException() == null ? "unknown format" : image.getException().getMessage()) + ")");
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Raster(w, h, argb);
    }

    public static WritableImage toImage(Raster raster) {
        WritableImage image = new WritableImage(Math.max(1, raster.width()), Math.max(1, raster.height()));
        if (raster.width() > 0 && raster.height() > 0) {
            image.getPixelWriter().setPixels(0, 0, raster.width(), raster.height(), PixelFormat.getIntArgbInstance(),
                    raster.argb(), 0, raster.width());
        }
        return image;
    }
}
