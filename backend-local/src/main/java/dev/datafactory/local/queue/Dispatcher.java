package dev.datafactory.local.queue;

import dev.datafactory.model.pubsub.PushEnvelope;
import dev.datafactory.model.pubsub.PushEnvelopeCodec;
import dev.datafactory.model.pubsub.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Pushes leased jobs to the worker exactly as a Pub/Sub push subscription does: a POST of the push
 * envelope with {@code Authorization: Bearer <token>}, at most {@code concurrency} at a time. A 2xx
 * answer acks; anything else (429/503 when the worker is saturated, 5xx, 4xx, a timeout, a dropped
 * connection) nacks, and the queue redelivers after a backoff or dead-letters.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A delivery's own HTTP timeout is the ack deadline; this much later its lease is taken back regardless. */
    private static final Duration OVERDUE_SLACK = Duration.ofSeconds(10);

    /** What happened to one delivery; the factory turns dead letters into canary events. */
    public record Delivery(Lease lease, Optional<Integer> status, String outcome, NackOutcome nack) {
    }

    private final LocalJobQueue queue;
    private final DispatcherSettings settings;
    private final Supplier<String> tokens;
    private final Clock clock;
    private final DispatchListener listener;
    private final String owner = "dispatcher-" + UUID.randomUUID();
    private final HttpClient http;
    private final ExecutorService deliveries;
    private final Semaphore slots;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean wakeRequested;
    private volatile boolean running;
    private Thread loop;

    /**
     * @param tokens    a fresh bearer token per delivery (tokens are short-lived)
     * @param listener  hears of every delivery and what became of it
     */
    public Dispatcher(LocalJobQueue queue, DispatcherSettings settings, Supplier<String> tokens, Clock clock,
                      DispatchListener listener) {
        this.queue = queue;
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.listener = listener;
        this.slots = new Semaphore(settings.concurrency());
        AtomicInteger n = new AtomicInteger();
        this.deliveries = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        queue.onPublish(this::wakeUp);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        int recovered = queue.recoverLeasesNotOwnedBy(owner);
        if (recovered > 0) {
            LOG.info("Recovered {} job(s) that were in flight when the factory last stopped; delivering them again",
                    recovered);
        }
        running = true;
        loop = new Thread(this::run, "dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** Deliveries in progress right now. */
    public int inFlight() {
        return inFlight.get();
    }

    public void wakeUp() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                int overdue = queue.expireOverdueLeases(OVERDUE_SLACK);
                if (overdue > 0) {
                    LOG.info("{} delivery(ies) outlived their ack deadline; they will be delivered again", overdue);
                }
                int free = slots.availablePermits();
                var leases = queue.lease(free, owner, settings.ackDeadline());
                for (Lease lease : leases) {
                    slots.acquireUninterruptibly();
                    inFlight.incrementAndGet();
                    deliveries.execute(() -> {
                        try {
                            deliver(lease);
                        } finally {
                            inFlight.decrementAndGet();
                            slots.release();
                            wakeUp();
                        }
                    });
                }
                if (leases.isEmpty() || slots.availablePermits() == 0) {
                    sleep();
                }
            } catch (RuntimeException e) {
                // The database was busy beyond its timeout or the disk hiccupped: try again shortly.
                LOG.warn("Dispatcher pass failed, retrying: {}", e.getMessage());
                sleep();
            }
        }
    }

    private void sleep() {
        Duration wait = settings.pollInterval();
        if (slots.availablePermits() > 0) {
            Optional<Instant> due = queue.nextDue();
            if (due.isPresent()) {
                Duration untilDue = Duration.between(clock.instant(), due.get());
                if (untilDue.compareTo(wait) < 0) {
                    wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
                }
            }
        }
        wakeLock.lock();
        try {
            if (!wakeRequested && running && !wait.isZero()) {
                wake.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            wakeLock.unlock();
        }
    }

    private void deliver(Lease lease) {
        byte[] body = PushEnvelopeCodec.encode(new PushEnvelope(
                new PushMessage(lease.data(), Map.of(), lease.messageId(), lease.publishTime(), Optional.empty()),
                settings.subscription(), Optional.of(lease.deliveryAttempt())));
        Optional<Integer> status = Optional.empty();
        String outcome;
        try {
            HttpRequest request = HttpRequest.newBuilder(settings.pushUrl())
                    .timeout(settings.ackDeadline())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.get())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = Optional.of(response.statusCode());
            if (response.statusCode() / 100 == 2) {
                if (queue.ack(lease)) {
                    listener.delivered(lease);
                }
                return;
            }
            outcome = "HTTP " + response.statusCode() + describeBody(response.body());
        } catch (HttpTimeoutException e) {
            outcome = "no answer within the ack deadline of " + settings.ackDeadline().toSeconds() + " s";
        } catch (IOException e) {
            outcome = "connection to " + settings.pushUrl() + " failed: " + e;
        } catch (InterruptedException e) {
            // Shutting down without an answer: put it back, it was not the worker's fault.
            Thread.currentThread().interrupt();
            queue.release(lease);
            return;
        }
        if (!running && status.isEmpty()) {
            queue.release(lease);
            return;
        }
        NackOutcome nack = queue.nack(lease, outcome);
        if (nack instanceof NackOutcome.DeadLettered dead) {
            LOG.warn("Job {} failed {} deliveries, last: {}; moved to dead letters (replay with: factory jobs replay {})",
                    lease.jobId(), dead.attempts(), outcome, lease.jobId());
        } else if (nack instanceof NackOutcome.Redeliver again) {
            LOG.info("Job {} delivery #{} failed ({}); redelivering at {}", lease.jobId(), lease.deliveryAttempt(),
                    outcome, again.at());
        }
        listener.failed(new Delivery(lease, status, outcome, nack));
    }

    private static String describeBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                deliveries.shutdownNow();
                return;
            }
            running = false;
        }
        wakeUp();
        try {
            loop.join(settings.shutdownGrace().toMillis() + 1000);
            deliveries.shutdown();
            if (!deliveries.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("Releasing {} delivery(ies) still in flight after {} s; they go out again on next start",
                        inFlight.get(), settings.shutdownGrace().toSeconds());
                deliveries.shutdownNow();
                deliveries.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.shutdownNow();
        }
    }
}
