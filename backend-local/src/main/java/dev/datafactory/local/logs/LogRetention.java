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

    /** 10 MB files, 20 of them: about 200 MB of history. */
    public static LogRetention defaults() {
        return new LogRetention(10L * 1024 * 1024, 20);
    }
}
