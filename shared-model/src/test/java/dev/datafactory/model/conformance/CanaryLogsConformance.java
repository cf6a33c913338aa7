package dev.datafactory.model.conformance;

import dev.datafactory.model.testing.Await;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import dev.datafactory.model.run.EnvironmentFingerprint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one behaviour every {@link CanaryLogs} has (the local log store, Cloud Logging): the same
 * filters give the same results. Events are seeded through {@link #write(CanaryEvent)}, the way the
 * worker's lines reach that backend (the local sink, or stdout → Cloud Logging's agent); then the
 * adapter under test only reads.
 */
public abstract class CanaryLogsConformance {

    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected CanaryLogs logs;

    /** A fresh reader over an empty log; called before every test. */
    protected abstract CanaryLogs newLogs() throws Exception;

    /** Stores one event the way the worker's canary line reaches this backend. */
    protected abstract void write(CanaryEvent event) throws Exception;

    /** How long a tail may take to deliver a written event (polling backends need longer). */
    protected long tailDeliverySeconds() {
        return 10;
    }

    @BeforeEach
    void createLogs() throws Exception {
        logs = newLogs();
    }

    private static CanaryEvent event(int minute, Severity severity, String run, String job, String schedule,
                                     String env, String message) {
        return CanaryEvent.of(severity, message, T0.plusSeconds(60L * minute),
                new CanaryLabels(run, job, schedule, env, "build-7"));
    }

    /** Seven lines of two runs of two schedules in two environments, written out of time order. */
    protected void seed() throws Exception {
        List<CanaryEvent> events = List.of(
                event(3, Severity.WARNING, "r1", "r1-j2", "nightly", "cloud", "Block signal matched: #captcha"),
                event(0, Severity.INFO, "r1", "r1-j1", "nightly", "cloud", "Job started"),
                event(1, Severity.DEBUG, "r1", "r1-j1", "nightly", "cloud", "Navigated to http://127.0.0.1/"),
                event(2, Severity.INFO, "r1", "r1-j1", "nightly", "cloud", "Job finished: 12 items"),
                event(4, Severity.ERROR, "r2", "r2-j1", "hourly", "local", "Navigation TIMED OUT after 30000 ms"),
                event(5, Severity.INFO, "r2", "r2-j1", "hourly", "local", "Job started again"),
                event(6, Severity.CRITICAL, "", "", "", "local", "Browser crashed; recycling"));
        for (CanaryEvent e : events) {
            write(e);
        }
    }

    private List<String> messages(LogQuery query) {
        return logs.query(query).stream().map(CanaryEvent::message).toList();
    }

    @Test
    void withoutFiltersEverythingComesBackOldestFirst() throws Exception {
        seed();

        assertThat(messages(LogQuery.all())).containsExactly("Job started", "Navigated to http://127.0.0.1/",
                "Job finished: 12 items", "Block signal matched: #captcha", "Navigation TIMED OUT after 30000 ms",
                "Job started again", "Browser crashed; recycling");
    }

    @Test
    void filtersByRunJobScheduleAndEnvironment() throws Exception {
        seed();

        assertThat(messages(LogQuery.all().withRun("r2")))
                .containsExactly("Navigation TIMED OUT after 30000 ms", "Job started again");
        assertThat(messages(LogQuery.all().withJob("r1-j1")))
                .containsExactly("Job started", "Navigated to http://127.0.0.1/", "Job finished: 12 items");
        assertThat(messages(LogQuery.all().withSchedule("nightly"))).hasSize(4);
        assertThat(messages(LogQuery.all().withEnv("local"))).containsExactly(
                "Navigation TIMED OUT after 30000 ms", "Job started again", "Browser crashed; recycling");
        assertThat(messages(LogQuery.all().withSchedule("nightly").withJob("r1-j2")))
                .containsExactly("Block signal matched: #captcha");
        assertThat(messages(LogQuery.all().withRun("r3"))).isEmpty();
    }

    @Test
    void filtersBySeverityAtLeast() throws Exception {
        seed();

        assertThat(messages(LogQuery.all().withMinSeverity(Severity.WARNING))).containsExactly(
                "Block signal matched: #captcha", "Navigation TIMED OUT after 30000 ms", "Browser crashed; recycling");
        assertThat(messages(LogQuery.all().withMinSeverity(Severity.INFO))).hasSize(6);
        assertThat(messages(LogQuery.all().withMinSeverity(Severity.EMERGENCY))).isEmpty();
    }

    @Test
    void filtersByTimeSinceInclusiveUntilExclusive() throws Exception {
        seed();

        assertThat(messages(LogQuery.all().withSince(T0.plusSeconds(120)).withUntil(T0.plusSeconds(240))))
                .containsExactly("Job finished: 12 items", "Block signal matched: #captcha");
        assertThat(messages(LogQuery.all().withSince(T0.plusSeconds(360)))).containsExactly("Browser crashed; recycling");
        assertThat(messages(LogQuery.all().withUntil(T0.plusSeconds(60)))).containsExactly("Job started");
    }

    @Test
    void filtersByTextInTheMessageIgnoringCase() throws Exception {
        seed();

        assertThat(messages(LogQuery.all().withText("timed out"))).containsExactly("Navigation TIMED OUT after 30000 ms");
        assertThat(messages(LogQuery.all().withText("JOB STARTED"))).containsExactly("Job started", "Job started again");
        assertThat(messages(LogQuery.all().withText("job started").withEnv("cloud"))).containsExactly("Job started");
        assertThat(messages(LogQuery.all().withText("no such words"))).isEmpty();
    }

    @Test
    void aLimitKeepsTheNewestStillOldestFirst() throws Exception {
        seed();

        assertThat(messages(LogQuery.all().withLimit(2)))
                .containsExactly("Job started again", "Browser crashed; recycling");
        assertThat(messages(LogQuery.all().withRun("r1").withLimit(3))).containsExactly(
                "Navigated to http://127.0.0.1/", "Job finished: 12 items", "Block signal matched: #captcha");
    }

    @Test
    void eventsComeBackWhole() throws Exception {
        EnvironmentFingerprint fingerprint = new EnvironmentFingerprint("Mozilla/5.0 HeadlessChrome/131", true,
                List.of("en-US", "en"), "UTC", 1280, 800, "131.0.6778.33", "Linux x86_64",
                Map.of("pluginsLength", "0"), Optional.of("203.0.113.7"), "cloud-run");
        CanaryEvent full = CanaryEvent.of(Severity.NOTICE, "Screenshot taken", T0.plusMillis(1234),
                        new CanaryLabels("r9", "r9-j1", "weekly", "cloud", "build-7"))
                .withTrace("projects/p/traces/0af7651916cd43dd8448eb211c80319c")
                .withDetail(CanaryDetail.step("loaded").withUrl("http://127.0.0.1:8931/product/1").withStatus(200)
                        .withVerdict("CLEAN").withScreenshot("canary/weekly/r9/r9-j1/01-loaded.png")
                        .withFingerprint(fingerprint));
        write(full);

        assertThat(logs.query(LogQuery.all().withRun("r9"))).containsExactly(full);
    }

    @Test
    void aTailDeliversOnlyNewMatchingEvents() throws Exception {
        write(event(0, Severity.INFO, "r5", "r5-j1", "nightly", "cloud", "before the tail"));
        List<CanaryEvent> received = new CopyOnWriteArrayList<>();
        List<Exception> errors = new CopyOnWriteArrayList<>();
        LogTail tail = logs.tail(LogQuery.all().withRun("r5").withMinSeverity(Severity.INFO), received::add,
                errors::add);
        try {
            waitUntilTailIsLive();
            Instant now = Instant.now();
            write(CanaryEvent.of(Severity.INFO, "other run", now, new CanaryLabels("r6", "r6-j1", "n", "cloud", "b")));
            write(CanaryEvent.of(Severity.DEBUG, "too quiet", now, new CanaryLabels("r5", "r5-j1", "n", "cloud", "b")));
            write(CanaryEvent.of(Severity.WARNING, "live one", now.plusMillis(5),
                    new CanaryLabels("r5", "r5-j1", "n", "cloud", "b")));

            Await.until(Duration.ofSeconds(tailDeliverySeconds()), () -> !received.isEmpty());
            Thread.sleep(200);
            assertThat(received).extracting(CanaryEvent::message).containsExactly("live one");
            assertThat(errors).isEmpty();
        } finally {
            tail.close();
        }
        int afterClose = received.size();
        write(CanaryEvent.of(Severity.ERROR, "after close", Instant.now(),
                new CanaryLabels("r5", "r5-j1", "n", "cloud", "b")));
        Thread.sleep(200);
        assertThat(received).hasSize(afterClose);
    }

    /** Backends whose tail starts asynchronously wait here until it would see a new event. */
    protected void waitUntilTailIsLive() throws Exception {
    }
}
