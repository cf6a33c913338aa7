package dev.datafactory.local.logs;

/**
 * When the canary log rotates (the active file passes {@code maxFileBytes}) and how many rotated
 * files are kept ({@code maxFiles}); the oldest go first.
 */
public record LogRetention(long maxFileBytes, int maxFiles) {

    public LogRetention {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("maxFileBytes must be at least 1024, was " + maxFileBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1, was " + maxFiles);
        }
    }

    private static final long MB = 1024L * 1024;

    /** 10 MB files, 20 of them: about 200 MB of history. */
    public static LogRetention defaults() {
        return new LogRetention(10 * MB, 20);
    }

    /**
     * About {@code megabytes} of history, as an operator asks for it: 10 MB files from 20 MB up, else
     * two files of half the size each, so that a rotation never throws away all of it.
     */
    public static LogRetention ofTotalMegabytes(int megabytes) {
        if (megabytes < 2) {
            throw new IllegalArgumentException("canary log history must be at least 2 MB, was " + megabytes + " MB");
        }
        return megabytes >= 20 ? new LogRetention(10 * MB, megabytes / 10)
                : new LogRetention(megabytes / 2 * MB, 2);
    }

    /** Roughly how much history is kept, in MB. */
    public long totalMegabytes() {
        return maxFileBytes * maxFiles / MB;
    }
}
