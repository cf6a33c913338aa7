package dev.datafactory.console.settings;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.TaskHandle;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.validation.Problem;
import dev.datafactory.model.validation.Problems;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Settings: which backend, its fields (validated as typed), "test connection" with one result line
 * per port, and "apply" which opens the new backend in the background and hands it to the shell.
 */
public final class SettingsViewModel {

    private final ConsoleContext context;
    private final BackendConnector connector;
    private final Supplier<Optional<InProcessWorker>> inProcessWorker;
    private final SettingsStore store;
    private final ObjectProperty<BackendSettings.Kind> kind = new SimpleObjectProperty<>(this, "kind",
            BackendSettings.Kind.LOCAL);
    private final StringProperty dataDir = new SimpleStringProperty(this, "dataDir", "");
    private final StringProperty project = new SimpleStringProperty(this, "project", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final StringProperty bucket = new SimpleStringProperty(this, "bucket", "");
    private final StringProperty workerUrl = new SimpleStringProperty(this, "workerUrl", "");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<CheckItem> checks = FXCollections.observableArrayList();
    // One read-only view each: a view made per call would be collected and drop its listeners.
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<CheckItem> checksView = FXCollections.unmodifiableObservableList(checks);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current", "");
    private TaskHandle running;

    /** {@code inProcessWorker}: the worker this console's own engine runs, if any (see {@link InProcessWorker}). */
    public SettingsViewModel(ConsoleContext context, BackendSettings active, BackendConnector connector,
                             SettingsStore store, Supplier<Optional<InProcessWorker>> inProcessWorker) {
        this.context = context;
        this.connector = connector;
        this.inProcessWorker = inProcessWorker;
        this.store = store;
        current.set(active.describe());
        load(active);
        kind.addListener((o, a, b) -> edited());
        for (StringProperty p : List.of(dataDir, project, region, topic, bucket, workerUrl)) {
            p.addListener((o, a, b) -> edited());
        }
        validate();
    }

    public ObjectProperty<BackendSettings.Kind> kindProperty() {
        return kind;
    }

    public StringProperty dataDirProperty() {
        return dataDir;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    public StringProperty bucketProperty() {
        return bucket;
    }

    public StringProperty workerUrlProperty() {
        return workerUrl;
    }

    /** Problems of the fields as typed, keyed by field name ({@code gcpProject}, {@code workerUrl}, ...). */
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    public List<String> problemsAt(String field) {
        return problems.stream().filter(p -> p.path().equals(field)).map(Problem::reason).toList();
    }

    /** The results of the last connection test, one per thing tried. */
    public ObservableList<CheckItem> checks() {
        return checksView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The backend the console works on now. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The settings as typed; empty (with problems) when a field is unusable. */
    public Optional<BackendSettings> settings() {
        return validate() ? Optional.of(build()) : Optional.empty();
    }

    public void testConnection() {
        Optional<BackendSettings> s = settings();
        if (s.isEmpty()) {
            status.set("Fix the marked fields first.");
            return;
        }
        checks.clear();
        busy.set(true);
        status.set("Testing " + s.get().describe() + "…");
        running = context.tasks().task("Testing the connection", ctx -> new ConnectionCheck(connector, inProcessWorker).run(s.get()))
                .onSuccess(items -> {
                    checks.setAll(items);
                    long failed = items.stream().filter(i -> i.outcome() == CheckItem.Outcome.FAILED).count();
                    long warned = items.stream().filter(i -> i.outcome() == CheckItem.Outcome.WARNING).count();
                    status.set(failed > 0 ? failed + " of " + items.size() + " checks failed; see the fixes below."
                            : warned > 0 ? "Connected, with " + warned + (warned == 1 ? " warning" : " warnings")
                            + "; see below." : "Everything that was tried works.");
                })
                .onError(e -> status.set("The test itself failed: " + UserMessages.describe(e)))
                .onCancelled(() -> status.set("Test cancelled."))
                .onFinished(() -> busy.set(false))
                .start();
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Opens the backend in the background, saves the settings, and switches the console to it. */
    public void apply() {
        Optional<BackendSettings> s = settings();
        if (s.isEmpty()) {
            status.set("Fix the marked fields first.");
            return;
        }
        busy.set(true);
        status.set("Opening " + s.get().describe() + "…");
        context.tasks().task("Opening " + s.get().describe(), ctx -> {
                    var backend = connector.connect(s.get());
                    store.save(s.get());
                    return backend;
                })
                .onSuccess(backend -> {
                    current.set(s.get().describe());
                    status.set("Saved; the console now works on " + s.get().describe() + ".");
                    context.events().publish(new BackendSwitched(backend, s.get()));
                })
                .onError(e -> status.set("Could not switch: " + UserMessages.describe(e)))
                .onFinished(() -> busy.set(false))
                .start();
    }

    /** Results of a test describe the settings they tested; once those change they would mislead. */
    private void edited() {
        validate();
        if (!busy.get()) {
            checks.clear();
            status.set("");
        }
    }

    private void load(BackendSettings s) {
        kind.set(s.kind());
        dataDir.set(s.localDataDir().toString());
        project.set(s.gcpProject());
        region.set(s.gcpRegion());
        topic.set(s.topic());
        bucket.set(s.bucket());
        workerUrl.set(s.workerUrl());
    }

    private BackendSettings build() {
        Path dir;
        try {
            dir = Path.of(expandHome(dataDir.get().trim()));
        } catch (InvalidPathException e) {
            dir = Path.of("");
        }
        return new BackendSettings(kind.get(), dir, project.get().trim(), region.get().trim(), topic.get().trim(),
                bucket.get().trim(), workerUrl.get().trim());
    }

    private boolean validate() {
        Problems p = new Problems();
        try {
            Path.of(expandHome(dataDir.get().trim()));
        } catch (InvalidPathException e) {
            p.add("dataDir", "is not a valid path: " + e.getReason());
        }
        if (p.isEmpty()) {
            BackendSettingsCodec.check(build(), p);
        }
        problems.setAll(p.list());
        return p.isEmpty();
    }

    private static String expandHome(String path) {
        return path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}
