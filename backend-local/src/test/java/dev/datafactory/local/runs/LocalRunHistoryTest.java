package dev.datafactory.local.runs;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.local.support.Factories;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.job.Trigger;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.BlockVerdict;
import dev.datafactory.model.run.EnvironmentFingerprint;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LocalRunHistoryTest {

    @TempDir
    Path dir;

    private static RunRecord record(String schedule, String run, String job, RunStatus status, int minute) {
        Instant start = Instant.parse("2026-05-04T10:00:00Z").plusSeconds(60L * minute);
        return new RunRecord(run, job, schedule, Trigger.SCHEDULE, 1, status,
                status == RunStatus.BLOCKED ? BlockVerdict.blockedBy(List.of("selector:#captcha")) : BlockVerdict.clear(),
                3, 4, start, start.plusSeconds(7), "0.1.0+abc", "local", EnvironmentFingerprint.unknown("local"),
                List.of(), Optional.empty(), Optional.empty());
    }

    private static void write(LocalFactory f, RunRecord r) {
        f.artifacts().put(ArtifactKeys.runRecord(r.runId(), r.jobId()), RunRecordCodec.toBytes(r), "application/json",
                Map.of());
    }

    @Test
    void indexesRunRecordsFromTheArtifactStoreNewestFirstWithFilters() {
        try (LocalFactory f = Factories.open(dir, Clock.systemUTC())) {
            write(f, record("a", "a-1", "a-1-j1", RunStatus.SUCCEEDED, 0));
            write(f, record("a", "a-1", "a-1-j2", RunStatus.BLOCKED, 1));
            write(f, record("b", "b-1", "b-1-j1", RunStatus.FAILED, 5));
            f.artifacts().put("runs/a-1/notes.txt", new byte[] {1}, "text/plain", Map.of());
            f.artifacts().put("runs/broken/j.json", "{".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/json", Map.of());

            assertThat(f.runs().list(RunQuery.recent(10))).extracting(RunRecord::jobId)
                    .containsExactly("b-1-j1", "a-1-j2", "a-1-j1");
            assertThat(f.runs().list(RunQuery.recent(10).withSchedule("a"))).hasSize(2);
            assertThat(f.runs().list(RunQuery.recent(10).withStatus(RunStatus.BLOCKED))).extracting(RunRecord::jobId)
                    .containsExactly("a-1-j2");
            assertThat(f.runs().list(RunQuery.recent(10).withSince(Instant.parse("2026-05-04T10:01:00Z"))))
                    .hasSize(2);
            assertThat(f.runs().list(RunQuery.recent(1))).hasSize(1);
            assertThat(f.runs().jobsOf("a-1")).extracting(RunRecord::jobId).containsExactly("a-1-j1", "a-1-j2");
            assertThat(f.runs().get("a-1", "a-1-j2")).hasValueSatisfying(
                    r -> assertThat(r.verdict().signals()).containsExactly("selector:#captcha"));

            // A record rewritten (e.g. by a newer attempt) is indexed again.
            write(f, record("a", "a-1", "a-1-j2", RunStatus.SUCCEEDED, 1));
            assertThat(f.runs().get("a-1", "a-1-j2").map(RunRecord::status)).hasValue(RunStatus.SUCCEEDED);
            assertThat(f.runs().refresh()).as("nothing new").isZero();
        }
    }
}
