package dev.datafactory.model.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition instead of a fixed sleep, for tests of background work on a loaded machine. */
public final class Await {

    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. The
     * caller's assertions decide what a timeout means.
     */
    public static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
