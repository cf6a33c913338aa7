package dev.datafactory.gcp;

import ch.qos.logback.classic.Level;
import dev.datafactory.gcp.fakes.AtomicLocalStorage;
import dev.datafactory.gcp.fakes.CapturedLogs;
import dev.datafactory.gcp.runs.ArtifactRunHistory;
import dev.datafactory.gcp.storage.GcsArtifactStore;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Run history derived from the run records in the bucket (LocalStorageHelper's fake GCS). */
class ArtifactRunHistoryTest {

    private GcsArtifactStore store;
    private ArtifactRunHistory history;

    @BeforeEach
    void createStore() {
        store = new GcsArtifactStore(AtomicLocalStorage.create(), "factory-artifacts");
        history = new ArtifactRunHistory(store);
    }

    private void write(String run, String job, String schedule, RunStatus status, String startedAt) {
        Instant start = Instant.parse(startedAt);
        RunRecord record = new RunRecord(run, job, schedule, Trigger.SCHEDULE, 1, status,
                status == RunStatus.BLOCKED ? BlockVerdict.blockedBy(List.of("status:403")) : BlockVerdict.clear(),
                3, 2, start, start.plusSeconds(7), "0.1.0+abc", "cloud-run", EnvironmentFingerprint.unknown("cloud-run"),
                List.of(), Optional.empty(), Optional.empty());
        store.put(ArtifactKeys.runRecord(run, job), RunRecordCodec.toBytes(record), "application/json",
                Map.of("run", run));
    }

    @Test
    void listsNewestFirstWithFilters() {
        write("n-1", "n-1-a", "nightly", RunStatus.SUCCEEDED, "2026-03-01T02:00:01Z");
        write("n-1", "n-1-b", "nightly", RunStatus.BLOCKED, "2026-03-01T02:00:02Z");
        write("h-1", "h-1-a", "hourly", RunStatus.FAILED, "2026-03-01T03:00:00Z");
        write("n-2", "n-2-a", "nightly", RunStatus.SUCCEEDED, "2026-03-02T02:00:00Z");

        assertThat(history.list(RunQuery.recent(10))).extracting(RunRecord::jobId)
                .containsExactly("n-2-a", "h-1-a", "n-1-b", "n-1-a");
        assertThat(history.list(RunQuery.recent(10).withSchedule("nightly").withStatus(RunStatus.SUCCEEDED)))
                .extracting(RunRecord::jobId).containsExactly("n-2-a", "n-1-a");
        assertThat(history.list(RunQuery.recent(10).withSince(Instant.parse("2026-03-01T02:30:00Z"))))
                .extracting(RunRecord::jobId).containsExactly("n-2-a", "h-1-a");
        assertThat(history.list(RunQuery.recent(1))).extracting(RunRecord::jobId).containsExactly("n-2-a");
    }

    @Test
    void readsTheJobsOfOneRunAndSingleRecords() {
        write("n-1", "n-1-a", "nightly", RunStatus.SUCCEEDED, "2026-03-01T02:00:01Z");
        write("n-1", "n-1-b", "nightly", RunStatus.BLOCKED, "2026-03-01T02:00:02Z");
        write("n-10", "n-10-a", "nightly", RunStatus.SUCCEEDED, "2026-03-10T02:00:00Z");

        assertThat(history.jobsOf("n-1")).extracting(RunRecord::jobId).containsExactlyInAnyOrder("n-1-a", "n-1-b");
        assertThat(history.get("n-1", "n-1-b")).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.BLOCKED);
            assertThat(r.verdict().summary()).contains("status:403");
        });
        assertThat(history.get("n-1", "missing")).isEmpty();
    }

    @Test
    void anUnreadableRecordDoesNotHideTheOthers() {
        write("n-1", "n-1-a", "nightly", RunStatus.SUCCEEDED, "2026-03-01T02:00:01Z");
        store.put("runs/n-1/garbage.json", "{not json".getBytes(StandardCharsets.UTF_8), "application/json", Map.of());

        try (CapturedLogs logs = CapturedLogs.of(ArtifactRunHistory.class)) {
            assertThat(history.jobsOf("n-1")).extracting(RunRecord::jobId).containsExactly("n-1-a");
            assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("runs/n-1/garbage.json");
        }
    }
}
