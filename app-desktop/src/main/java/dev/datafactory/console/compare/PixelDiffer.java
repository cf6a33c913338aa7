package dev.datafactory.console.compare;

import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * Compares two screenshots pixel by pixel. A pixel counts as changed when any channel (alpha, red,
 * green, blue) differs by more than the threshold; where one image is larger, the part only it covers
 * counts as changed. Works on plain int arrays in row bands in parallel, because full-page screenshots
 * are millions of pixels and the operator drags the threshold slider.
 */
public final class PixelDiffer {

    /** Semi-transparent magenta: visible over light and dark pages, and rarer on pages than red. */
    public static final int HIGHLIGHT = 0x99FF00FF;
    private static final int BAND_ROWS = 64;

    public PixelDiff diff(Raster a, Raster b, int threshold) {
        if (threshold < 0 || threshold > 255) {
            throw new IllegalArgumentException("threshold must be between 0 and 255, was " + threshold);
        }
        int width = Math.max(a.width(), b.width());
        int height = Math.max(a.height(), b.height());
        int[] highlight = new int[width * height];
        LongAdder changed = new LongAdder();
        int bands = (height + BAND_ROWS - 1) / BAND_ROWS;
        IntStream.range(0, bands).parallel().forEach(band -> {
            int from = band * BAND_ROWS;
            int to = Math.min(height, from + BAND_ROWS);
            changed.add(diffRows(a, b, threshold, width, from, to, highlight));
        });
        return new PixelDiff(width, height, changed.sum(), threshold, highlight);
    }

    private static long diffRows(Raster a, Raster b, int threshold, int width, int fromRow, int toRow,
                                 int[] highlight) {
        long changed = 0;
        int[] pa = a.argb();
        int[] pb = b.argb();
        int commonWidth = Math.min(a.width(), b.width());
        for (int y = fromRow; y < toRow; y++) {
            int out = y * width;
            boolean bothHaveRow = y < a.height() && y < b.height();
            int x = 0;
            if (bothHaveRow) {
                int rowA = y * a.width();
                int rowB = y * b.width();
                for (; x < commonWidth; x++) {
                    int ca = pa[rowA + x];
                    int cb = pb[rowB + x];
                    if (ca != cb && maxChannelDelta(ca, cb) > threshold) {
                        highlight[out + x] = HIGHLIGHT;
                        changed++;
                    }
                }
            }
            for (; x < width; x++) {
                highlight[out + x] = HIGHLIGHT;
                changed++;
            }
        }
        return changed;
    }

    static int maxChannelDelta(int ca, int cb) {
        int da = Math.abs((ca >>> 24) - (cb >>> 24));
        int dr = Math.abs(((ca >> 16) & 0xFF) - ((cb >> 16) & 0xFF));
        int dg = Math.abs(((ca >> 8) & 0xFF) - ((cb >> 8) & 0xFF));
        int db = Math.abs((ca & 0xFF) - (cb & 0xFF));
        return Math.max(Math.max(da, dr), Math.max(dg, db));
    }
}
