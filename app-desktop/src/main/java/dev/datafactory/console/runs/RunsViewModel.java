package dev.datafactory.console.runs;

import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.TaskExecutor;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.ports.RunHistory;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Run history with filters and the per-day outcome chart; loads through the task executor. */
public final class RunsViewModel {

    public static final int HISTORY_LIMIT = 2_000;

    private final RunHistory history;
    private final TaskExecutor tasks;
    private final EventBus events;
    private final ZoneId zone;

    private final ObservableList<RunRecord> loaded = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> rows = FXCollections.observableArrayList();
    // One read-only wrapper per list for all callers: a fresh wrapper per call would lose its listeners
    // when collected.
    private final ObservableList<RunRecord> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<DayCount> chart = FXCollections.observableArrayList();
    private final ObservableList<DayCount> chartReadOnly = FXCollections.unmodifiableObservableList(chart);
    private final ObservableList<String> schedules = FXCollections.observableArrayList();
    private final ObservableList<String> schedulesReadOnly = FXCollections.unmodifiableObservableList(schedules);
    private final ObservableList<String> environments = FXCollections.observableArrayList();
    private final ObservableList<String> environmentsReadOnly = FXCollections.unmodifiableObservableList(environments);
    private final ReadOnlyObjectWrapper<RunFilter> filter = new ReadOnlyObjectWrapper<>(RunFilter.none());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    public RunsViewModel(RunHistory history, TaskExecutor tasks, EventBus events, ZoneId zone) {
        this.history = history;
        this.tasks = tasks;
        this.events = events;
        this.zone = zone;
    }

    public void refresh() {
        RunFilter current = filter.get();
        RunQuery query = RunQuery.recent(HISTORY_LIMIT)
                .withSchedule(current.schedule().isEmpty() ? null : current.schedule())
                .withStatus(current.status().orElse(null));
        loading.set(true);
        tasks.task("Loading run history", ctx -> history.list(query))
                .onSuccess(records -> {
                    loaded.setAll(records);
                    if (current.schedule().isEmpty()) {
                        schedules.setAll(new TreeSet<>(records.stream().map(RunRecord::scheduleId).toList()));
                    }
                    environments.setAll(new TreeSet<>(records.stream().map(RunRecord::environment).toList()));
                    applyLocally();
                })
                .onError(e -> status.set("Could not load run history: " + UserMessages.describe(e)))
                .onFinished(() -> loading.set(false))
                .start();
    }

    /** Backend filters (schedule, status) reload; local ones (environment, text) re-select at once. */
    public void setFilter(RunFilter value) {
        RunFilter old = filter.get();
        filter.set(value);
        if (!old.schedule().equals(value.schedule()) || !old.status().equals(value.status())) {
            refresh();
        } else {
            applyLocally();
        }
    }

    /** Shows one run (e.g. asked for from the Logs screen): the filter narrows to its id. */
    public void focus(ConsoleEvents.RunRef run) {
        setFilter(new RunFilter("", Optional.empty(), "", run.runId()));
    }

    /** Opens two job records side by side in Compare. */
    public boolean compare(List<RunRecord> selection) {
        if (selection.size() != 2) {
            status.set("Select exactly two runs to compare (Ctrl+click), " + selection.size() + " selected.");
            return false;
        }
        // Older on the left: "yesterday vs today", "before the deploy vs after".
        List<RunRecord> ordered = selection.stream().sorted(java.util.Comparator.comparing(RunRecord::startedAt))
                .toList();
        events.publish(new ConsoleEvents.CompareRuns(ref(ordered.get(0)), ref(ordered.get(1))));
        return true;
    }

    public void showLogs(RunRecord record) {
        events.publish(new ConsoleEvents.ShowLogs(Optional.of(record.scheduleId()), Optional.of(record.runId()),
                Optional.of(record.jobId())));
    }

    private static ConsoleEvents.RunRef ref(RunRecord r) {
        return new ConsoleEvents.RunRef(r.runId(), Optional.of(r.jobId()));
    }

    private void applyLocally() {
        RunFilter current = filter.get();
        List<RunRecord> shown = loaded.stream().filter(current::matches).toList();
        rows.setAll(shown);
        chart.setAll(RunStats.perDay(shown, zone));
        long blocked = shown.stream().filter(r -> r.verdict().blocked()).count();
        status.set(shown.size() + " of " + loaded.size() + " job runs shown" + (blocked > 0 ? ", " + blocked
                + " blocked" : ""));
    }

    public ObservableList<RunRecord> rows() {
        return rowsReadOnly;
    }

    public ObservableList<DayCount> chart() {
        return chartReadOnly;
    }

    public ObservableList<String> schedules() {
        return schedulesReadOnly;
    }

    public ObservableList<String> environments() {
        return environmentsReadOnly;
    }

    public ReadOnlyObjectProperty<RunFilter> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
