package dev.datafactory.console.runs;

import dev.datafactory.console.fixtures.LocalConsoleApp;
import dev.datafactory.local.LocalFactory;
import dev.datafactory.model.artifact.ArtifactKeys;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.run.RunRecordCodec;
import dev.datafactory.model.run.RunStatus;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole console on a real local factory: a canary line clicked in Logs opens its run in Runs,
 * even when Runs has not been shown yet (its view is built after the request).
 */
@ExtendWith(ApplicationExtension.class)
class OpenRunFromLogsFxTest {

    private static final String BLOCKED_RUN = "shop-20260302T080000Z";

    @TempDir
    Path dir;

    private LocalConsoleApp console;

    @Start
    void start(Stage stage) {
        console = new LocalConsoleApp(dir);
        LocalFactory factory = console.factory();
        for (RunRecord r : new RunRecord[] {
                SampleRuns.record("shop-20260301T080000Z", "shop", RunStatus.SUCCEEDED,
                        Instant.parse("2026-03-01T08:00:00Z"), "local"),
                SampleRuns.record(BLOCKED_RUN, "shop", RunStatus.BLOCKED, Instant.parse("2026-03-02T08:00:00Z"),
                        "cloud-run")}) {
            factory.artifacts().put(ArtifactKeys.runRecord(r.runId(), r.jobId()), RunRecordCodec.toBytes(r),
                    "application/json", Map.of());
        }
        factory.logs().emit(CanaryEvent.of(Severity.WARNING, "blocked by status:403",
                Instant.parse("2026-03-02T08:00:01Z"),
                new CanaryLabels(BLOCKED_RUN, BLOCKED_RUN + "-job", "shop", "cloud-run", "abc1234")));
        console.start(stage);
    }

    @AfterEach
    void stop() throws Exception {
        console.stop();
    }

    @Test
    void openRunOnALogLineShowsThatRunInRuns(FxRobot robot) throws Exception {
        robot.clickOn("#nav-logs");
        ListView<CanaryEvent> lines = robot.lookup("#logs-list").queryListView();
        waitFor(() -> lines.getItems().size() == 1);
        robot.interact(() -> lines.getSelectionModel().select(0));
        robot.clickOn("#logs-open-run");

        TableView<RunRecord> table = robot.lookup("#runs-table").queryTableView();
        TextField text = robot.lookup("#runs-text").query();
        waitFor(() -> table.getItems().size() == 1);
        assertThat(table.getItems()).extracting(RunRecord::runId).containsExactly(BLOCKED_RUN);
        assertThat(text.getText()).isEqualTo(BLOCKED_RUN);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }
}
