package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.fixtures.MemoryCanaryLogs;
import dev.datafactory.console.fixtures.MemoryRunHistory;
import dev.datafactory.console.settings.BackendConnector;
import dev.datafactory.console.settings.BackendSettings;
import dev.datafactory.local.artifact.FileArtifactStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunTargetsTest {

    @TempDir
    static Path store;

    private final List<BackendSettings> connected = new ArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private final BackendConnector connector = settings -> {
        connected.add(settings);
        return backend(settings.kind().name().toLowerCase(java.util.Locale.ROOT), settings.describe(),
                closed::incrementAndGet);
    };

    private static ConsoleBackend backend(String name, String description, AutoCloseable resources) {
        return new ConsoleBackend(name, description, new dev.datafactory.console.fixtures.NoSchedules(),
                job -> "m", new MemoryCanaryLogs(), new FileArtifactStore(store, false), new MemoryRunHistory(), resources);
    }

    private static BackendSettings localWithProject(String project) {
        BackendSettings local = BackendSettings.local(Path.of("/data/df"));
        return new BackendSettings(BackendSettings.Kind.LOCAL, local.localDataDir(), project, "europe-west1",
                local.topic(), "shop-bucket", "");
    }

    @Test
    void onTheLocalFactoryWithoutACloudProjectOnlyTheLocalWorkerIsOffered() {
        ConsoleBackend current = backend("local", "/data/df", () -> { });
        try (RunTargets targets = new RunTargets(current, BackendSettings.local(Path.of("/data/df")), connector)) {
            assertThat(targets.list()).extracting(RunTarget::label).containsExactly("Local worker · /data/df");
            assertThat(targets.list().get(0).backend()).isSameAs(current);
        }
        assertThat(connected).isEmpty();
    }

    @Test
    void aCloudProjectInSettingsAddsTheCloudWorkerOpenedOnFirstUseOnceAndClosedWithTheScreen() {
        ConsoleBackend current = backend("local", "/data/df", () -> { });
        RunTargets targets = new RunTargets(current, localWithProject("shop-prod"), connector);

        assertThat(targets.list()).extracting(RunTarget::label).containsExactly("Local worker · /data/df",
                "Cloud worker · project shop-prod (europe-west1)");
        assertThat(connected).as("nothing is opened until a run needs it").isEmpty();

        RunTarget cloud = targets.list().get(1);
        ConsoleBackend opened = cloud.backend();
        assertThat(cloud.backend()).isSameAs(opened);
        assertThat(connected).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(BackendSettings.Kind.GCP);
            assertThat(s.gcpProject()).isEqualTo("shop-prod");
            assertThat(s.bucket()).isEqualTo("shop-bucket");
        });

        targets.close();
        assertThat(closed).hasValue(1);
        assertThatThrownBy(cloud::backend).hasMessageContaining("closed with the Test scrape screen");
    }

    @Test
    void onGcpTheLocalFactorysWorkerIsTheSecondChoice() {
        ConsoleBackend current = backend("gcp", "project shop-prod (europe-west1)", () -> { });
        try (RunTargets targets = new RunTargets(current,
                localWithProject("shop-prod").withKind(BackendSettings.Kind.GCP), connector)) {
            assertThat(targets.list()).extracting(RunTarget::label).containsExactly(
                    "Cloud worker · project shop-prod (europe-west1)",
                    "Local worker · /data/df, needs factory up");
            targets.list().get(1).backend();
            assertThat(connected).singleElement().extracting(BackendSettings::kind)
                    .isEqualTo(BackendSettings.Kind.LOCAL);
        }
    }

    @Test
    void aBackendThatCannotBeOpenedSaysWhichAndIsTriedAgainNextTime() {
        AtomicInteger attempts = new AtomicInteger();
        BackendConnector flaky = settings -> {
            if (attempts.incrementAndGet() == 1) {
                throw new java.io.IOException("Application Default Credentials are not available");
            }
            return backend("gcp", settings.describe(), () -> { });
        };
        try (RunTargets targets = new RunTargets(backend("local", "/data/df", () -> { }),
                localWithProject("shop-prod"), flaky)) {
            RunTarget cloud = targets.list().get(1);
            assertThatThrownBy(cloud::backend).hasMessage(
                    "Could not open GCP · shop-prod (europe-west1): Application Default Credentials are not available");
            assertThat(cloud.backend().name()).isEqualTo("gcp");
        }
    }
}
