package dev.datafactory.console.settings;

import dev.datafactory.console.fixtures.RecordingNotifier;
import com.sun.net.httpserver.HttpServer;
import dev.datafactory.console.common.ConsoleBackend;
import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.SameThreadTaskExecutor;
import dev.datafactory.local.data.DataDirectory;
import dev.datafactory.local.schedule.EngineLock;
import dev.datafactory.model.validation.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsViewModelTest {

    @TempDir
    Path dataDir;

    private ConsoleBackend backend;
    private final EventBus events = new EventBus();
    private SettingsViewModel vm;
    private HttpServer worker;
    /** What the launcher would report as the console's own worker; none unless a test says so. */
    private final AtomicReference<Optional<InProcessWorker>> ownWorker = new AtomicReference<>(Optional.empty());

    @BeforeEach
    void setUp() {
        backend = DefaultBackendConnector.local(BackendSettings.local(dataDir));
        ConsoleContext context = new ConsoleContext(backend, new SameThreadTaskExecutor(), events,
                new RecordingNotifier(),
                Clock.systemUTC(), ZoneOffset.UTC, dataDir);
        vm = new SettingsViewModel(context, BackendSettings.local(dataDir), new DefaultBackendConnector(),
                new SettingsStore(dataDir), ownWorker::get);
    }

    @AfterEach
    void tearDown() {
        backend.close();
        if (worker != null) {
            worker.stop(0);
        }
    }

    @Test
    void gcpFieldsAreValidatedAsTyped() {
        vm.kindProperty().set(BackendSettings.Kind.GCP);
        assertThat(vm.problemsAt("gcpProject")).singleElement().asString().contains("required");
        vm.projectProperty().set("My_Project");
        vm.regionProperty().set("europe-west1");
        vm.topicProperty().set("jobs");
        vm.bucketProperty().set("ok-bucket");
        vm.workerUrlProperty().set("ftp://x");
        assertThat(vm.problemsAt("gcpProject")).singleElement().asString().contains("My_Project");
        assertThat(vm.problemsAt("workerUrl")).singleElement().asString().contains("http(s)");
        vm.projectProperty().set("my-project-123");
        vm.workerUrlProperty().set("");
        assertThat(vm.problems()).isEmpty();
        vm.kindProperty().set(BackendSettings.Kind.LOCAL);
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void onTheLocalFactoryAProjectIsOptionalButOnceNamedItsFieldsAreChecked() {
        vm.kindProperty().set(BackendSettings.Kind.LOCAL);
        vm.projectProperty().set("");
        vm.bucketProperty().set("Not A Bucket");
        assertThat(vm.problems()).as("no project: the cloud fields are not used").isEmpty();

        vm.projectProperty().set("shop-prod-123");
        vm.regionProperty().set("europe-west1");
        vm.topicProperty().set("jobs");
        assertThat(vm.problemsAt("bucket")).singleElement().asString().contains("\"Not A Bucket\"");
        vm.bucketProperty().set("");
        assertThat(vm.problemsAt("bucket")).singleElement().asString()
                .startsWith("is required with a project (Test scrape's cloud worker uses it)");
        vm.bucketProperty().set("shop-artifacts");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void connectionTestReportsEachPortOfTheLocalFactoryAndTheWorkerHealth() throws Exception {
        worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.createContext("/healthz", exchange -> {
            byte[] body = "{\"build\":\"abc123\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        worker.start();
        vm.workerUrlProperty().set("http://127.0.0.1:" + worker.getAddress().getPort());
        vm.testConnection();
        assertThat(vm.checks()).extracting(CheckItem::what).containsExactly("Data directory", "Open backend",
                "Schedules", "Run history", "Canary logs", "Artifacts", "Job publishing", "Engine", "Worker");
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Engine")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.WARNING);
            assertThat(c.detail()).contains("not running").contains("factory up");
        });
        assertThat(vm.checks()).filteredOn(c -> c.outcome() == CheckItem.Outcome.FAILED).isEmpty();
        assertThat(vm.checks().get(vm.checks().size() - 1).detail()).contains("abc123");
        assertThat(vm.statusProperty().get()).isEqualTo("Connected, with 1 warning; see below.");

        vm.workerUrlProperty().set("http://127.0.0.1:1");
        assertThat(vm.checks()).as("results of other settings are cleared").isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    @Test
    void aRunningEngineIsReportedWithItsProcess() {
        EngineLock held = EngineLock.tryAcquire(new DataDirectory(dataDir).engineLock()).orElseThrow();
        try {
            CheckItem engine = ConnectionCheck.localEngine(dataDir);
            assertThat(engine.outcome()).isEqualTo(CheckItem.Outcome.OK);
            assertThat(engine.detail()).startsWith("running in this console (process " + ProcessHandle.current().pid()
                    + ")");
        } finally {
            held.close();
        }
        assertThat(ConnectionCheck.localEngine(dataDir).outcome()).isEqualTo(CheckItem.Outcome.WARNING);
    }

    @Test
    void withoutAWorkerUrlTheConsolesOwnInProcessWorkerIsChecked() throws Exception {
        // The shape the worker's /healthz answers with.
        startWorker("{\"status\":\"ok\",\"build\":{\"version\":\"0.1.0\",\"label\":\"0.1.0+abc1234\"},"
                + "\"browser\":\"156.0.8078.108\",\"jobsInFlight\":1,\"concurrency\":2,\"auth\":\"local-key\"}");
        URI base = URI.create("http://127.0.0.1:" + worker.getAddress().getPort() + "/");
        ownWorker.set(Optional.of(new InProcessWorker(dataDir, Optional.of(base))));
        vm.testConnection();
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Worker")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.OK);
            assertThat(c.detail()).isEqualTo("in-process worker of this console: running; " + base + "healthz answers:"
                    + " build 0.1.0+abc1234, browser 156.0.8078.108, 1 of 2 jobs running");
        });

        worker.stop(0);
        vm.testConnection();
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Worker")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.FAILED);
            assertThat(c.detail()).startsWith("in-process worker of this console:").contains("unreachable");
        });
    }

    @Test
    void theInProcessWorkerIsOnlyClaimedForTheDataDirectoryItRunsOn() throws Exception {
        ownWorker.set(Optional.of(new InProcessWorker(dataDir, Optional.empty())));
        vm.testConnection();
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Worker")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.WARNING);
            assertThat(c.detail()).isEqualTo("in-process worker of this console: starting (the browser takes a few"
                    + " seconds); test again in a moment");
        });

        Path other = Files.createDirectories(dataDir.resolve("other-factory"));
        vm.dataDirProperty().set(other.toString());
        vm.testConnection();
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Worker")).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.SKIPPED);
            assertThat(c.detail()).startsWith("this console runs no worker on " + other.toAbsolutePath())
                    .doesNotContain("no worker URL");
        });
    }

    private void startWorker(String health) throws java.io.IOException {
        worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.createContext("/healthz", exchange -> {
            byte[] body = health.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        worker.start();
    }

    @Test
    void connectionTestSaysPreciselyWhatFails() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-dir"), "x");
        vm.dataDirProperty().set(file.toString());
        vm.workerUrlProperty().set("http://127.0.0.1:9"); // discard port: nothing listens
        vm.testConnection();
        assertThat(vm.checks().get(0)).satisfies(c -> {
            assertThat(c.what()).isEqualTo("Data directory");
            assertThat(c.outcome()).isEqualTo(CheckItem.Outcome.FAILED);
            assertThat(c.detail()).contains("is a file, not a directory");
        });
        assertThat(vm.checks()).filteredOn(c -> c.what().equals("Worker")).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("unreachable"));
        assertThat(vm.statusProperty().get()).contains("checks failed");
    }

    @Test
    void gcpIsCheckedServiceByServiceByTheGcpBackendsOwnCheck() {
        vm.kindProperty().set(BackendSettings.Kind.GCP);
        vm.projectProperty().set("my-project-123");
        vm.regionProperty().set("europe-west1");
        vm.topicProperty().set("jobs");
        vm.bucketProperty().set("my-bucket");
        vm.testConnection();
        // Whether this machine has Application Default Credentials decides OK or FAILED on the first
        // line; either way every service gets its own line, and the worker is reported last.
        assertThat(vm.checks().get(0).what()).isEqualTo("Credentials · Application Default Credentials");
        assertThat(vm.checks()).extracting(CheckItem::what).anyMatch(w -> w.startsWith("Cloud Scheduler"))
                .anyMatch(w -> w.startsWith("Pub/Sub · topic jobs")).anyMatch(w -> w.startsWith("Cloud Logging"))
                .anyMatch(w -> w.startsWith("Cloud Storage · bucket my-bucket"));
        assertThat(vm.checks().get(vm.checks().size() - 1).what()).isEqualTo("Worker");
    }

    @Test
    void applySavesTheSettingsAndAnnouncesTheNewBackend() {
        Path other = dataDir.resolve("other");
        vm.dataDirProperty().set(other.toString());
        List<BackendSwitched> switched = new ArrayList<>();
        events.subscribe(BackendSwitched.class, switched::add);
        vm.apply();
        assertThat(switched).singleElement().satisfies(s -> {
            assertThat(s.settings().localDataDir()).isEqualTo(other);
            assertThat(s.backend().description()).isEqualTo(other.toAbsolutePath().toString());
            s.backend().close();
        });
        assertThat(new SettingsStore(dataDir).load()).hasValueSatisfying(s ->
                assertThat(s.localDataDir()).isEqualTo(other));
        assertThat(vm.currentProperty().get()).contains(other.toString());
    }

    @Test
    void aHandEditedSettingsFileWithATypoNamesTheField() throws Exception {
        Files.writeString(dataDir.resolve(SettingsStore.FILE), "{\"backend\":\"gcp\",\"gcpProjct\":\"x\"}");
        assertThatThrownBy(() -> new SettingsStore(dataDir).load()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gcpProjct").hasMessageContaining("gcpProject");
    }
}
