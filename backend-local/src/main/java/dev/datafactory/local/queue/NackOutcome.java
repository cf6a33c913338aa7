package dev.datafactory.local.queue;

import java.time.Instant;

/** What became of a failed delivery: back in the queue after a backoff, or in dead letters. */
public sealed interface NackOutcome {

    record Redeliver(Instant at) implements NackOutcome {
    }

    record DeadLettered(int attempts) implements NackOutcome {
    }

    /** The lease was no longer ours (acked, replayed or released meanwhile): nothing changed. */
    record Stale() implements NackOutcome {
    }
}
