package dev.datafactory.gcp;

import dev.datafactory.model.testing.Await;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import dev.datafactory.gcp.fakes.FakeCloudLogging;
import dev.datafactory.gcp.fakes.InProcessService;
import dev.datafactory.gcp.logging.CloudCanaryLogs;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.conformance.CanaryLogsConformance;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated Cloud Logging client against an in-process fake of LoggingServiceV2 (list paging
 * and tail streaming). Events reach the fake as the worker's stdout lines reach Cloud Logging.
 */
class CloudCanaryLogsConformanceTest extends CanaryLogsConformance {

    private static final String LOG = "run.googleapis.com%2Fstdout";

    private FakeCloudLogging fake;
    private InProcessService server;
    private LoggingClient client;
    private CloudCanaryLogs cloudLogs;

    @Override
    protected CanaryLogs newLogs() throws Exception {
        // Pages of 2 make every query with more than two results page through the list call.
        fake = new FakeCloudLogging("factory-test", LOG, 2);
        server = new InProcessService(fake);
        client = LoggingClient.create(LoggingSettings.newBuilder().setTransportChannelProvider(server.channelProvider())
                .setCredentialsProvider(InProcessService.noCredentials()).build());
        cloudLogs = new CloudCanaryLogs(client, "factory-test", "projects/factory-test/logs/" + LOG);
        return cloudLogs;
    }

    @Override
    protected void write(CanaryEvent event) throws Exception {
        fake.ingestStdoutLine(CanaryEventCodec.toLine(event));
    }

    @Override
    protected void waitUntilTailIsLive() throws Exception {
        Await.until(Duration.ofSeconds(5), () -> fake.openTails() > 0);
    }

    @AfterEach
    void stop() {
        cloudLogs.close();
        client.close();
        server.close();
    }

    @Test
    void queriesAreNarrowFiltersOnTheWorkersLog() throws Exception {
        seed();

        logs.query(LogQuery.all().withRun("r1").withMinSeverity(Severity.WARNING).withText("say \"hi\"")
                .withSince(T0).withUntil(T0.plusSeconds(60)));

        assertThat(fake.filtersSeen()).last().isEqualTo("logName=\"projects/factory-test/logs/" + LOG + "\""
                + " AND labels.run=\"r1\" AND severity>=WARNING AND timestamp>=\"2026-03-01T10:00:00Z\""
                + " AND timestamp<\"2026-03-01T10:01:00Z\" AND jsonPayload.message:\"say \\\"hi\\\"\"");
    }

    @Test
    void tailsOfOneConsoleShareOneStream() throws Exception {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        LogTail first = logs.tail(LogQuery.all().withRun("r1"), e -> a.add(e.message()), e -> { });
        LogTail second = logs.tail(LogQuery.all().withRun("r2"), e -> b.add(e.message()), e -> { });
        waitUntilTailIsLive();

        assertThat(fake.openTails()).isEqualTo(1);
        write(CanaryEvent.of(Severity.INFO, "for a", Instant.now(), new CanaryLabels("r1", "j", "s", "cloud", "b")));
        write(CanaryEvent.of(Severity.INFO, "for b", Instant.now(), new CanaryLabels("r2", "j", "s", "cloud", "b")));
        write(CanaryEvent.of(Severity.INFO, "for none", Instant.now(), new CanaryLabels("r3", "j", "s", "cloud", "b")));
        first.close();
        second.close();

        assertThat(a).containsExactly("for a");
        assertThat(b).containsExactly("for b");
        Await.until(Duration.ofSeconds(5), () -> fake.openTails() == 0);
        assertThat(fake.openTails()).isZero();
    }

    @Test
    void aBrokenTailIsReportedOnceAsAnOperatorReadableError() throws Exception {
        List<Exception> errors = new CopyOnWriteArrayList<>();
        LogTail tail = logs.tail(LogQuery.all(), e -> { }, errors::add);
        try {
            waitUntilTailIsLive();
            fake.breakTails(Status.RESOURCE_EXHAUSTED.withDescription("Tail quota exceeded"));
            Await.until(Duration.ofSeconds(5), () -> !errors.isEmpty());
        } finally {
            tail.close();
        }

        assertThat(errors).singleElement().isInstanceOfSatisfying(BackendException.class, e -> {
            assertThat(e.kind()).isEqualTo(BackendException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("tailing canary logs").contains("Tail quota exceeded");
        });
    }
}
