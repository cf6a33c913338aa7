package dev.datafactory.gcp.scheduler;

import java.time.Instant;
import java.util.Optional;

/**
 * How Cloud Scheduler's last call to the orchestrator went: when, and the status it recorded
 * (Cloud Scheduler keeps no more than the last one).
 */
public record LastAttempt(Instant time, boolean succeeded, Optional<String> failure) {
}
