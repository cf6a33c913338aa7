package dev.datafactory.console.common;

import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared plumbing, without the toolkit. */
class PlumbingTest {

    @Test
    void sameThreadExecutorRunsWorkAndCallbacksInOrder() {
        SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
        List<String> seen = new ArrayList<>();
        TaskHandle handle = tasks.task("adding", ctx -> {
            ctx.progress(1, 2);
            seen.add("work");
            return 42;
        }).onSuccess(v -> seen.add("success " + v)).onFinished(() -> seen.add("finished")).start();
        assertThat(seen).containsExactly("work", "success 42", "finished");
        assertThat(handle.progressProperty().get()).isEqualTo(0.5);
        assertThat(handle.runningProperty().get()).isFalse();
        assertThat(tasks.startedTasks()).containsExactly("adding");
    }

    @Test
    void failuresGoToOnErrorOrAreKeptWhenNobodyListens() {
        SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
        List<Throwable> errors = new ArrayList<>();
        tasks.task("failing", ctx -> {
            throw new IllegalStateException("boom");
        }).onError(errors::add).start();
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        tasks.task("failing unheard", ctx -> {
            throw new IllegalStateException("unheard");
        }).start();
        assertThat(tasks.unhandledErrors()).singleElement().extracting(Throwable::getMessage).isEqualTo("unheard");
    }

    @Test
    void cancelledWorkReportsCancelledNotSuccess() {
        SameThreadTaskExecutor tasks = new SameThreadTaskExecutor();
        List<String> seen = new ArrayList<>();
        tasks.task("long", ctx -> {
            ((TaskHandle) ctx).cancel();
            return ctx.isCancelled() ? "stopped early" : "done";
        }).onSuccess(seen::add).onCancelled(() -> seen.add("cancelled")).start();
        assertThat(seen).containsExactly("cancelled");
    }

    @Test
    void eventBusDeliversByTypeUntilUnsubscribed() {
        EventBus bus = new EventBus();
        List<Object> heard = new ArrayList<>();
        var subscription = bus.subscribe(ConsoleEvents.ShowScreen.class, heard::add);
        bus.publish(new ConsoleEvents.ShowScreen(ScreenId.RUNS));
        bus.publish(new ConsoleEvents.SchedulesChanged());
        subscription.unsubscribe();
        bus.publish(new ConsoleEvents.ShowScreen(ScreenId.LOGS));
        assertThat(heard).containsExactly(new ConsoleEvents.ShowScreen(ScreenId.RUNS));
    }

    @Test
    void subscriptionsAreAllUndoneAtOnce() {
        Subscriptions subs = new Subscriptions();
        SimpleStringProperty text = new SimpleStringProperty("a");
        List<String> seen = new ArrayList<>();
        subs.onChange(text, seen::add);
        List<String> closed = new ArrayList<>();
        subs.addCloseable(() -> closed.add("tail"));
        text.set("b");
        subs.unsubscribeAll();
        text.set("c");
        assertThat(seen).containsExactly("a", "b");
        assertThat(closed).containsExactly("tail");
        assertThat(subs.size()).isZero();
    }

    @Test
    void userMessagesAreSentencesNotStackTraces() {
        assertThat(UserMessages.describe(new ExecutionException(new BackendException(BackendException.Kind.NOT_FOUND,
                "schedule \"x\" does not exist")))).isEqualTo("schedule \"x\" does not exist");
        assertThat(UserMessages.describe(new InvalidInputException("schedule",
                List.of(new Problem("cron", "must have 5 fields"), new Problem("id", "is required")))))
                .isEqualTo("schedule is invalid: cron: must have 5 fields; id: is required");
        assertThat(UserMessages.describe(new UncheckedIOException("disk full", new java.io.IOException("disk full"))))
                .startsWith("Could not read or write: disk full");
        assertThat(UserMessages.describe(new NullPointerException()))
                .isEqualTo("Unexpected error (NullPointerException): NullPointerException. Details are in the"
                        + " console log.");
    }
}
