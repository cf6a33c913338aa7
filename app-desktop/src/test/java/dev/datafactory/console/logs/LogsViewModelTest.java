package dev.datafactory.console.logs;

import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.console.fixtures.MemoryCanaryLogs;
import dev.datafactory.local.artifact.FileArtifactStore;
import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogsViewModelTest {

    @TempDir
    Path dir;

    private final MemoryCanaryLogs logs = new MemoryCanaryLogs();
    private final SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
    private final EventBus events = new EventBus();
    private FileArtifactStore artifacts;
    private Instant clock = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void setUp() {
        artifacts = new FileArtifactStore(dir.resolve("artifacts"), false);
    }

    private CanaryEvent line(Severity severity, String run, String env, String message) {
        clock = clock.plusMillis(1);
        return CanaryEvent.of(severity, message, clock, new CanaryLabels(run, run.isEmpty() ? "" : run + "-j",
                run.isEmpty() ? "" : "shop", env, "abc1234"));
    }

    @Test
    void showsHistoryThenFollowsNewLinesInBoundedBatches() {
        logs.write(line(Severity.INFO, "r1", "local", "factory started"));
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 1000, 3);

        model.start();
        assertThat(model.visibleLines()).extracting(CanaryEvent::message).containsExactly("factory started");

        for (int i = 0; i < 5; i++) {
            logs.write(line(Severity.INFO, "r1", "local", "page " + i));
        }
        assertThat(model.pendingCount()).isEqualTo(5);
        assertThat(model.drain()).isEqualTo(3);
        assertThat(model.visibleLines()).hasSize(4);
        assertThat(model.drain()).isEqualTo(2);
        assertThat(model.visibleLines()).extracting(CanaryEvent::message).endsWith("page 3", "page 4");
        assertThat(model.statusProperty().get()).contains("6 lines shown of 6 received", "tail live");

        model.stop();
        logs.write(line(Severity.INFO, "r1", "local", "after stop"));
        assertThat(logs.openTails()).isZero();
        assertThat(model.drain()).isZero();
    }

    @Test
    void anUpdateTakesAtMostTheViewsLimitAndNeverMoreThanTheModelsBatch() {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 1000, 4);
        model.start();
        for (int i = 0; i < 10; i++) {
            logs.write(line(Severity.INFO, "r1", "local", "page " + i));
        }

        assertThat(model.drain(2)).isEqualTo(2);
        assertThat(model.drain(50)).isEqualTo(4);
        assertThat(model.visibleLines()).extracting(CanaryEvent::message).endsWith("page 4", "page 5");
        assertThat(model.maxBatch()).isEqualTo(4);
        model.stop();
    }

    @Test
    void linesOfOneJobShareTheirLabelsAsTheyArrive() {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 1000, 100);
        model.start();
        logs.write(CanaryEvent.of(Severity.INFO, "a", clock, new CanaryLabels(new String("r1"), "r1-j", "shop", "local",
                "abc1234")));
        logs.write(CanaryEvent.of(Severity.INFO, "b", clock, new CanaryLabels(new String("r1"), "r1-j", "shop", "local",
                "abc1234")));
        model.drain();

        assertThat(model.visibleLines()).extracting(CanaryEvent::message).containsExactly("a", "b");
        assertThat(model.visibleLines().get(1).labels()).isSameAs(model.visibleLines().get(0).labels());
        model.stop();
    }

    @Test
    void filtersReselectFromEverythingReceivedWithoutAskingTheBackend() {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 1000, 100);
        model.start();
        logs.write(line(Severity.INFO, "r1", "local", "loaded product page"));
        logs.write(line(Severity.WARNING, "r2", "cloud-run", "blocked: captcha"));
        logs.write(line(Severity.ERROR, "r2", "cloud-run", "navigation timeout"));
        model.drain();
        int queriesBefore = tasks.startedTasks().size();

        model.setFilter(new LogFilter(Severity.WARNING, "", "", "", "", ""));
        assertThat(model.visibleLines()).extracting(CanaryEvent::message)
                .containsExactly("blocked: captcha", "navigation timeout");
        model.setFilter(new LogFilter(Severity.DEFAULT, "", "r2", "", "cloud-run", "CAPTCHA"));
        assertThat(model.visibleLines()).extracting(CanaryEvent::message).containsExactly("blocked: captcha");

        logs.write(line(Severity.WARNING, "r2", "cloud-run", "captcha again"));
        logs.write(line(Severity.WARNING, "r1", "local", "captcha on local"));
        model.drain();
        assertThat(model.visibleLines()).extracting(CanaryEvent::message)
                .containsExactly("blocked: captcha", "captcha again");

        model.setFilter(LogFilter.none());
        assertThat(model.visibleLines()).hasSize(5);
        assertThat(tasks.startedTasks()).hasSize(queriesBefore);
    }

    @Test
    void keepsOnlyTheNewestLinesOnceTheBufferIsFull() {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 100, 1000);
        model.start();
        for (int i = 0; i < 250; i++) {
            logs.write(line(Severity.INFO, "r1", "local", "line " + i));
        }
        model.drain();

        assertThat(model.visibleLines()).hasSize(100);
        assertThat(model.visibleLines().get(0).message()).isEqualTo("line 150");
        assertThat(model.receivedCountProperty().get()).isEqualTo(100);
    }

    @Test
    void aBrokenTailStopsAndSaysWhy() {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 100, 100);
        model.start();

        logs.breakTails(new IllegalStateException("log file was deleted"));
        model.drain();

        assertThat(model.liveProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("Live tail stopped:").contains("log file was deleted");
    }

    @Test
    void selectingALineLoadsItsScreenshotAndOpensItsRun() {
        artifacts.put("canary/shop/r9/r9-j/00-loaded.png", new byte[] {1, 2, 3}, "image/png", Map.of());
        CanaryEvent withShot = line(Severity.NOTICE, "r9", "local", "page loaded")
                .withDetail(CanaryDetail.step("loaded").withScreenshot("canary/shop/r9/r9-j/00-loaded.png"));
        List<ConsoleEvents.OpenRun> opened = new ArrayList<>();
        events.subscribe(ConsoleEvents.OpenRun.class, opened::add);
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 100, 100);

        model.select(withShot);
        assertThat(model.screenshotProperty().get()).containsExactly(1, 2, 3);
        assertThat(model.openSelectedRun()).isTrue();
        assertThat(opened).containsExactly(new ConsoleEvents.OpenRun(
                new ConsoleEvents.RunRef("r9", java.util.Optional.of("r9-j"))));

        model.select(line(Severity.INFO, "", "local", "factory started"));
        assertThat(model.screenshotProperty().get()).isNull();
        assertThat(model.openSelectedRun()).isFalse();
    }

    @Test
    void exportsTheShownLinesAsTheJsonLinesTheyWereWrittenAs() throws IOException {
        LogsViewModel model = new LogsViewModel(logs, artifacts, tasks, events, 100, 100);
        model.start();
        logs.write(line(Severity.INFO, "r1", "local", "kept"));
        logs.write(line(Severity.ERROR, "r1", "local", "also kept"));
        logs.write(line(Severity.DEBUG, "r1", "local", "filtered out"));
        model.drain();
        model.setFilter(new LogFilter(Severity.INFO, "", "", "", "", ""));

        Path file = dir.resolve("export.jsonl");
        model.export(file);

        List<String> written = Files.readAllLines(file);
        assertThat(written).hasSize(2);
        assertThat(CanaryEventCodec.parseLine(written.get(1))).map(CanaryEvent::message).contains("also kept");
        assertThat(model.statusProperty().get()).isEqualTo("Exported 2 lines to " + file);
    }
}
