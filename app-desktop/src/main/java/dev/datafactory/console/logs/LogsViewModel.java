package dev.datafactory.console.logs;

import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.EventBus;
import dev.datafactory.console.common.TaskExecutor;
import dev.datafactory.console.common.UserMessages;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryEventCodec;
import dev.datafactory.model.ports.ArtifactStore;
import dev.datafactory.model.ports.CanaryLogs;
import dev.datafactory.model.ports.LogQuery;
import dev.datafactory.model.ports.LogTail;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live log view's state. The tail delivers on its own thread into a lock-free queue; the view
 * drains it once per frame ({@link #drain()}) in bounded batches, so a flood of lines costs a few
 * list changes per second instead of one FX task per line. Everything received is kept in a ring
 * buffer; filters re-select from it instantly, without asking the backend again.
 */
public final class LogsViewModel {

    public static final int DEFAULT_CAPACITY = 200_000;
    public static final int DEFAULT_BATCH = 5_000;
    /** Per frame, taking lines stops after this long even below the batch size: the frame must still paint. */
    private static final long DRAIN_BUDGET_NANOS = 6_000_000;

    private final CanaryLogs logs;
    private final ArtifactStore artifacts;
    private final TaskExecutor tasks;
    private final EventBus events;
    private final int batch;

    private final SharedLabels labels = new SharedLabels();
    private final RingBuffer<CanaryEvent> received;
    private final Queue<CanaryEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicReference<String> tailError = new AtomicReference<>();
    private final ObservableList<CanaryEvent> visible = FXCollections.observableArrayList();
    private final ObservableList<CanaryEvent> visibleReadOnly = FXCollections.unmodifiableObservableList(visible);

    private final ReadOnlyObjectWrapper<LogFilter> filter = new ReadOnlyObjectWrapper<>(LogFilter.none());
    private final ReadOnlyBooleanWrapper follow = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper receivedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<CanaryEvent> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<byte[]> screenshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper screenshotKey = new ReadOnlyStringWrapper("");

    private LogQuery currentQuery = LogFilter.none().toQuery(LogQuery.DEFAULT_LIMIT);
    private LogTail tail;
    private Set<CanaryEvent> historyTail = Set.of();

    public LogsViewModel(CanaryLogs logs, ArtifactStore artifacts, TaskExecutor tasks, EventBus events,
                         int capacity, int batch) {
        this.logs = logs;
        this.artifacts = artifacts;
        this.tasks = tasks;
        this.events = events;
        this.batch = batch;
        this.received = new RingBuffer<>(capacity);
    }

    /** Loads recent history, then follows new lines until {@link #stop()}. */
    public void start() {
        if (tail != null) {
            return;
        }
        tailError.set(null);
        tail = logs.tail(LogQuery.all(), this::offer, e -> tailError.set(UserMessages.describe(e)));
        live.set(true);
        reload();
    }

    public void stop() {
        if (tail != null) {
            tail.close();
            tail = null;
        }
        live.set(false);
        updateStatus();
    }

    /** Replaces what is shown with the backend's history for the current filter (newest lines). */
    public void reload() {
        LogQuery query = filter.get().toQuery(received.capacity());
        tasks.task("Loading canary logs", ctx -> labels.shareAll(logs.query(query)))
                .onSuccess(this::replaceWithHistory)
                .onError(e -> status.set("Could not load logs: " + UserMessages.describe(e)))
                .start();
    }

    /** Any thread: the tail's sink. */
    public void offer(CanaryEvent event) {
        pending.add(labels.share(event));
        pendingCount.incrementAndGet();
    }

    /** FX thread, once per frame: moves at most one batch of waiting lines into the view. */
    public int drain() {
        return drain(batch);
    }

    /** Like {@link #drain()} with a smaller limit for this update (the view adapts it to its frame times). */
    public int drain(int limit) {
        int max = Math.min(limit, batch);
        String error = tailError.getAndSet(null);
        if (error != null) {
            stop();
            status.set("Live tail stopped: " + error);
        }
        if (pendingCount.get() == 0) {
            return 0;
        }
        List<CanaryEvent> matching = new ArrayList<>();
        LogQuery current = currentQuery;
        int taken = 0;
        long deadline = System.nanoTime() + DRAIN_BUDGET_NANOS;
        while (taken < max && ((taken & 255) != 255 || System.nanoTime() < deadline)) {
            CanaryEvent e = pending.poll();
            if (e == null) {
                break;
            }
            taken++;
            if (historyTail.contains(e)) {
                continue; // written between the history query and the tail start: already shown
            }
            received.add(e);
            if (current.matches(e)) {
                matching.add(e);
            }
        }
        pendingCount.addAndGet(-taken);
        appendVisible(matching);
        receivedCount.set(received.size());
        updateStatus();
        return taken;
    }

    /** The most lines one update may take. */
    public int maxBatch() {
        return batch;
    }

    public int pendingCount() {
        return pendingCount.get();
    }

    public void setFilter(LogFilter value) {
        if (value.equals(filter.get())) {
            return;
        }
        filter.set(value);
        currentQuery = value.toQuery(received.capacity());
        visible.setAll(received.filter(currentQuery::matches, received.capacity()));
        updateStatus();
    }

    public void setFollow(boolean value) {
        follow.set(value);
    }

    public void clear() {
        received.clear();
        visible.clear();
        receivedCount.set(0);
        updateStatus();
    }

    /** Shows a line's details, and its screenshot when the line names one. */
    public void select(CanaryEvent event) {
        selected.set(event);
        screenshot.set(null);
        Optional<String> key = event == null ? Optional.empty()
                : event.canary().flatMap(c -> c.screenshot());
        screenshotKey.set(key.orElse(""));
        key.ifPresent(k -> tasks.task("Loading screenshot " + k, ctx -> artifacts.get(k))
                .onSuccess(bytes -> {
                    if (k.equals(screenshotKey.get())) {
                        screenshot.set(bytes.orElse(null));
                        if (bytes.isEmpty()) {
                            status.set("Screenshot " + k + " is not in the artifact store (yet).");
                        }
                    }
                })
                .onError(err -> status.set("Could not load screenshot " + k + ": " + UserMessages.describe(err)))
                .start());
    }

    /** Asks the shell to show the selected line's run in the Runs screen. */
    public boolean openSelectedRun() {
        CanaryEvent event = selected.get();
        if (event == null || event.labels().run().isEmpty()) {
            status.set("This line belongs to no run.");
            return false;
        }
        String job = event.labels().job();
        events.publish(new ConsoleEvents.OpenRun(new ConsoleEvents.RunRef(event.labels().run(),
                job.isEmpty() ? Optional.empty() : Optional.of(job))));
        return true;
    }

    /** The lines as the JSON lines they were written as: what Copy puts on the clipboard. */
    public static String asJsonLines(List<CanaryEvent> lines) {
        StringBuilder text = new StringBuilder();
        for (CanaryEvent e : lines) {
            text.append(CanaryEventCodec.toLine(e)).append('\n');
        }
        return text.toString();
    }

    /** Writes what is shown (after filters) to a JSON-lines file, in the background. */
    public void export(Path file) {
        List<CanaryEvent> snapshot = List.copyOf(visible);
        tasks.task("Exporting " + snapshot.size() + " log lines", ctx -> {
            Files.writeString(file, asJsonLines(snapshot), StandardCharsets.UTF_8);
            return snapshot.size();
        }).onSuccess(n -> status.set("Exported " + n + " lines to " + file))
                .onError(e -> status.set("Export to " + file + " failed: " + UserMessages.describe(e)))
                .start();
    }

    private void replaceWithHistory(List<CanaryEvent> history) {
        Set<CanaryEvent> last = new HashSet<>();
        Instant newest = history.isEmpty() ? Instant.MIN : history.get(history.size() - 1).time();
        for (int i = history.size() - 1; i >= 0 && !history.get(i).time().isBefore(newest.minusSeconds(5)); i--) {
            last.add(history.get(i));
        }
        // Lines the tail delivered while the query ran and that the history does not hold yet.
        List<CanaryEvent> newer = received.filter(e -> !e.time().isBefore(newest) && !last.contains(e),
                received.capacity());
        received.clear();
        history.forEach(received::add);
        newer.forEach(received::add);
        historyTail = last;
        visible.setAll(received.filter(currentQuery::matches, received.capacity()));
        receivedCount.set(received.size());
        updateStatus();
    }

    private void appendVisible(List<CanaryEvent> matching) {
        if (matching.isEmpty()) {
            return;
        }
        int excess = visible.size() + matching.size() - received.capacity();
        if (excess > 0) {
            visible.remove(0, Math.min(excess, visible.size()));
        }
        visible.addAll(matching.size() > received.capacity()
                ? matching.subList(matching.size() - received.capacity(), matching.size()) : matching);
    }

    private void updateStatus() {
        String state = live.get() ? "live" : "paused";
        status.set(String.format(java.util.Locale.ROOT, "%,d lines shown of %,d received · tail %s%s",
                visible.size(), received.size(), state, follow.get() ? " · following" : ""));
    }

    public ObservableList<CanaryEvent> visibleLines() {
        return visibleReadOnly;
    }

    public ReadOnlyObjectProperty<LogFilter> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty followProperty() {
        return follow.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty receivedCountProperty() {
        return receivedCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CanaryEvent> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<byte[]> screenshotProperty() {
        return screenshot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty screenshotKeyProperty() {
        return screenshotKey.getReadOnlyProperty();
    }
}
