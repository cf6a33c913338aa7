package dev.datafactory.console.logs;

/**
 * How many waiting lines the next list update may take. Starts small, because the first updates of
 * a fresh console run on cold (interpreted) code and create the list's cells; doubles after every
 * frame that came in under the target and halves after one that took more than twice the target.
 * Frame times are what the view measures between the pulse that updated the list and the next
 * pulse (taking, layout, CSS and paint together). Plain object: the FX thread owns it.
 */
public final class AdaptiveBatch {

    private final int min;
    private final int max;
    private final long targetNanos;
    private int size;

    public AdaptiveBatch(int min, int max, long targetNanos) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("batch bounds must satisfy 1 <= min <= max, were min=" + min
                    + " max=" + max);
        }
        if (targetNanos <= 0) {
            throw new IllegalArgumentException("target frame time must be positive, was " + targetNanos + " ns");
        }
        this.min = min;
        this.max = max;
        this.targetNanos = targetNanos;
        this.size = min;
    }

    public int size() {
        return size;
    }

    /** Reports how long the frame of the last update took, in nanoseconds. */
    public void frameTook(long nanos) {
        if (nanos < targetNanos) {
            size = (int) Math.min(max, size * 2L);
        } else if (nanos > 2 * targetNanos) {
            size = Math.max(min, size / 2);
        }
    }
}
