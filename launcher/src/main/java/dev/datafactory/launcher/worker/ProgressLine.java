package dev.datafactory.launcher.worker;

import dev.datafactory.worker.engine.ProgressListener;
import dev.datafactory.worker.engine.ScrapeProgress;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live progress line of {@code factory scrape} on stderr: redrawn in place on a terminal, one
 * line every few seconds when stderr is a file or pipe (so logs stay readable).
 */
final class ProgressLine implements ProgressListener {

    private final PrintWriter err;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrinted;
    private ScrapeProgress latest;

    ProgressLine(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 200_000_000L : 5_000_000_000L;
    }

    @Override
    public synchronized void onProgress(ScrapeProgress progress) {
        latest = progress;
        long now = System.nanoTime();
        if (now - lastPrinted >= intervalNanos) {
            lastPrinted = now;
            print(progress);
        }
    }

    /** The last state, printed once more, ending the line. */
    synchronized void finish() {
        if (latest != null) {
            print(latest);
        }
        if (terminal) {
            err.println();
            err.flush();
        }
    }

    private void print(ScrapeProgress p) {
        String line = String.format(Locale.ROOT, "pages %d done, %d queued, %d blocked, %d failed | %d items | %.1f pages/min",
                p.pagesDone(), p.queued(), p.blocked(), p.failed(), p.items(), p.pagesPerMinute());
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
        } else {
            err.println(line);
        }
        err.flush();
    }
}
