package dev.datafactory.console.compare;

/**
 * The outcome of comparing two screenshots: how many pixels differ by more than the threshold, and a
 * highlight layer (ARGB, transparent where equal) the size of the larger image.
 */
public record PixelDiff(int width, int height, long changedPixels, int threshold, int[] highlight) {

    /** Changed pixels in percent of the compared area (the union of both images). */
    public double percentChanged() {
        long total = (long) width * height;
        return total == 0 ? 0.0 : changedPixels * 100.0 / total;
    }
}
