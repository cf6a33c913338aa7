package dev.datafactory.local.queue;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Factories;
import dev.datafactory.local.support.MutableClock;
import dev.datafactory.local.support.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalJobQueueTest {

    @TempDir
    Path dir;

    @Test
    void backoffGrowsExponentiallyUpToTheMaximumThenTheJobIsDeadLettered() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            // Retry policy of the test schedule: 5 attempts, 1 s .. 4 s; the test unit makes a "second" 20 ms.
            f.schedules().create(Schedules.schedule("b", "0 0 1 1 *", "UTC", Schedules.urls(1), 5));
            f.schedules().runNow("b");
            LocalJobQueue q = f.queue();
            List<Long> delays = new java.util.ArrayList<>();
            NackOutcome last = null;
            for (int attempt = 1; attempt <= 5; attempt++) {
                List<Lease> leases = q.lease(10, "me", Duration.ofSeconds(30));
                assertThat(leases).singleElement().extracting(Lease::deliveryAttempt).isEqualTo(attempt);
                assertThat(q.lease(10, "me", Duration.ofSeconds(30))).as("leased jobs are not handed out twice").isEmpty();
                last = q.nack(leases.get(0), "HTTP 503");
                if (last instanceof NackOutcome.Redeliver r) {
                    delays.add(Duration.between(clock.instant(), r.at()).toMillis());
                    assertThat(q.lease(10, "me", Duration.ofSeconds(30))).as("not before the backoff").isEmpty();
                    clock.set(r.at());
                }
            }
            assertThat(delays).containsExactly(20L, 40L, 80L, 80L);
            assertThat(last).isEqualTo(new NackOutcome.DeadLettered(5));
            assertThat(q.counts()).isEqualTo(new QueueCounts(0, 0, 0, 1));
        }
    }

    @Test
    void aLeaseThatOutlivesItsDeadlineIsTakenBackAndALateAckIsIgnored() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            f.schedules().create(Schedules.schedule("d", "0 0 1 1 *", "UTC", Schedules.urls(1), 5));
            f.schedules().runNow("d");
            LocalJobQueue q = f.queue();
            Lease first = q.lease(1, "me", Duration.ofSeconds(30)).get(0);

            clock.advance(Duration.ofSeconds(35));
            assertThat(q.expireOverdueLeases(Duration.ofSeconds(10))).as("within the slack").isZero();
            clock.advance(Duration.ofSeconds(10));
            assertThat(q.expireOverdueLeases(Duration.ofSeconds(10))).isEqualTo(1);
            assertThat(q.counts().queued()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            Lease second = q.lease(1, "me", Duration.ofSeconds(30)).get(0);
            assertThat(second.deliveryAttempt()).isEqualTo(2);
            assertThat(q.ack(first)).as("the late answer to the first delivery").isFalse();
            assertThat(q.ack(second)).isTrue();
            assertThat(q.counts()).isEqualTo(new QueueCounts(0, 0, 1, 0));
        }
    }

    @Test
    void leasesOfADeadDispatcherAreRecoveredAndReleasedLeasesDoNotCountAsAttempts() {
        MutableClock clock = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));
        try (LocalFactory f = Factories.open(dir, clock)) {
            f.schedules().create(Schedules.schedule("r", "0 0 1 1 *", "UTC", Schedules.urls(2), 5));
            f.schedules().runNow("r");
            LocalJobQueue q = f.queue();
            List<Lease> old = q.lease(2, "crashed", Duration.ofMinutes(10));
            assertThat(old).hasSize(2);

            assertThat(q.recoverLeasesNotOwnedBy("new")).isEqualTo(2);
            List<Lease> again = q.lease(2, "new", Duration.ofMinutes(10));
            assertThat(again).extracting(Lease::deliveryAttempt).containsOnly(2);

            assertThat(q.release(again.get(0))).isTrue();
            assertThat(q.lease(1, "new", Duration.ofMinutes(10))).singleElement()
                    .extracting(Lease::deliveryAttempt).isEqualTo(2);
        }
    }
}
