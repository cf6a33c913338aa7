package dev.datafactory.console.schedules;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.TaskBuilder;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.ports.RunQuery;
import dev.datafactory.model.run.RunRecord;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schedules list and its actions. Every backend call goes through the task executor; the
 * list is reloaded after each change so it always shows what the backend holds.
 */
public final class SchedulesViewModel {

    /** Enough recent job records to find the latest run of a schedule with many start URLs. */
    private static final int RECENT_JOBS = 200;

    private final ConsoleContext context;
    private final ObservableList<ScheduleRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ScheduleRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<ScheduleRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);

    public SchedulesViewModel(ConsoleContext context) {
        this.context = context;
    }

    public ObservableList<ScheduleRow> rows() {
        return rowsView;
    }

    /** The table's selection, written by the view. */
    public ObjectProperty<ScheduleRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public void refresh() {
        refresh(Optional.empty());
    }

    /** Reloads the list, then selects {@code select} (or keeps the current selection). */
    public void refresh(Optional<String> select) {
        Optional<String> keep = select.or(() -> Optional.ofNullable(selected.get()).map(ScheduleRow::id));
        loading.set(true);
        context.tasks().task("Loading schedules", ctx -> load())
                .onSuccess(loaded -> {
                    rows.setAll(loaded);
                    selected.set(keep.flatMap(id -> loaded.stream().filter(r -> r.id().equals(id)).findFirst())
                            .orElse(null));
                })
                .onError(e -> context.notifier().error("Could not load the schedules: "
                        + UserMessages.describe(e)))
                .onFinished(() -> loading.set(false))
                .start();
    }

    private List<ScheduleRow> load() {
        Instant now = context.clock().instant();
        List<Schedule> schedules = context.backend().schedules().list();
        List<ScheduleRow> result = new ArrayList<>(schedules.size());
        for (Schedule s : schedules.stream().sorted(Comparator.comparing(Schedule::name)).toList()) {
            result.add(ScheduleRow.of(s, lastRun(s.id()), now, context.operatorZone()));
        }
        return result;
    }

    private List<RunRecord> lastRun(String scheduleId) {
        List<RunRecord> recent = context.backend().runs().list(RunQuery.recent(RECENT_JOBS).withSchedule(scheduleId));
        if (recent.isEmpty()) {
            return List.of();
        }
        String runId = recent.get(0).runId();
        return recent.stream().filter(r -> r.runId().equals(runId)).toList();
    }

    public void pause() {
        withSelected(row -> context.tasks().task("Pausing " + row.id(),
                ctx -> context.backend().schedules().pause(row.id())), "Paused %s");
    }

    public void resume() {
        withSelected(row -> context.tasks().task("Resuming " + row.id(),
                ctx -> context.backend().schedules().resume(row.id())), "Resumed %s");
    }

    /** Pauses an enabled schedule, resumes a paused one. */
    public void togglePause() {
        ScheduleRow row = selected.get();
        if (row != null && row.paused()) {
            resume();
        } else {
            pause();
        }
    }

    public void runNow() {
        ScheduleRow row = selected.get();
        if (row == null) {
            context.notifier().info("Select a schedule to run.");
            return;
        }
        context.tasks().task("Running " + row.id() + " now", ctx -> context.backend().schedules().runNow(row.id()))
                .onSuccess(runId -> {
                    context.notifier().info("Started run " + runId + " of " + row.name()
                            + "; follow it in Logs or Runs.");
                    refresh();
                })
                .onError(e -> context.notifier().error("Could not run " + row.name() + ": "
                        + UserMessages.describe(e)))
                .start();
    }

    /** Copies the selected schedule under a free id, paused so the copy does not fire twice as often. */
    public void duplicate() {
        ScheduleRow row = selected.get();
        if (row == null) {
            context.notifier().info("Select a schedule to duplicate.");
            return;
        }
        Set<String> taken = rows.stream().map(ScheduleRow::id).collect(Collectors.toSet());
        String copyId = freeId(row.id(), taken);
        Schedule copy = row.schedule().withId(copyId, row.name() + " (copy)").withState(ScheduleState.PAUSED);
        context.tasks().task("Duplicating " + row.id(), ctx -> context.backend().schedules().create(copy))
                .onSuccess(created -> {
                    context.notifier().info("Created " + created.id() + " (paused); edit and resume it when ready.");
                    context.events().publish(new ConsoleEvents.SchedulesChanged());
                    refresh(Optional.of(created.id()));
                })
                .onError(e -> context.notifier().error("Could not duplicate " + row.name() + ": "
                        + UserMessages.describe(e)))
                .start();
    }

    /** Deletes the selected schedule; the view asks for confirmation first. */
    public void delete() {
        ScheduleRow row = selected.get();
        if (row == null) {
            return;
        }
        context.tasks().task("Deleting " + row.id(), ctx -> {
                    context.backend().schedules().delete(row.id());
                    return row.id();
                })
                .onSuccess(id -> {
                    context.notifier().info("Deleted " + row.name() + ".");
                    context.events().publish(new ConsoleEvents.SchedulesChanged());
                    selected.set(null);
                    refresh();
                })
                .onError(e -> context.notifier().error("Could not delete " + row.name() + ": "
                        + UserMessages.describe(e)))
                .start();
    }

    /** A schedule id not yet in use, for a new schedule. */
    public String suggestNewId() {
        return freeId("schedule", rows.stream().map(ScheduleRow::id).collect(Collectors.toSet()));
    }

    static String freeId(String base, Set<String> taken) {
        String stem = base.length() > 50 ? base.substring(0, 50) : base;
        String candidate = stem.equals("schedule") ? "schedule-1" : stem + "-copy";
        for (int n = 2; taken.contains(candidate) || !ScheduleCodec.ID.matcher(candidate).matches(); n++) {
            candidate = (stem.equals("schedule") ? stem + "-" : stem + "-copy-") + n;
        }
        return candidate;
    }

    private void withSelected(Function<ScheduleRow, TaskBuilder<Schedule>> action, String doneFormat) {
        ScheduleRow row = selected.get();
        if (row == null) {
            context.notifier().info("Select a schedule first.");
            return;
        }
        action.apply(row)
                .onSuccess(s -> {
                    context.notifier().info(String.format(doneFormat, s.name()) + ".");
                    context.events().publish(new ConsoleEvents.SchedulesChanged());
                    refresh();
                })
                .onError(e -> context.notifier().error("Could not change " + row.name() + ": "
                        + UserMessages.describe(e)))
                .start();
    }
}
