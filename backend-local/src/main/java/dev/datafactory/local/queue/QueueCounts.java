package dev.datafactory.local.queue;

/** How many jobs are in each state of the local queue. */
public record QueueCounts(long queued, long leased, long done, long dead) {
}
