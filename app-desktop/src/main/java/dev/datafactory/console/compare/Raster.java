package dev.datafactory.console.compare;

/**
 * A decoded screenshot as non-premultiplied ARGB ints, row by row: what {@code PixelReader.getPixels}
 * fills, and what the diff works on without the toolkit.
 */
public record Raster(int width, int height, int[] argb) {

    public Raster {
        if (width < 0 || height < 0 || argb.length != width * height) {
            throw new IllegalArgumentException("raster of " + width + "x" + height + " needs " + width * height
                    + " pixels, got " + argb.length);
        }
    }

    public int pixel(int x, int y) {
        return argb[y * width + x];
    }
}
