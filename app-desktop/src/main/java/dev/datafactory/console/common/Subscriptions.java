package dev.datafactory.console.common;

import javafx.beans.value.ObservableValue;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a screen subscribed to while active, undone in one call on deactivate: the bisq2 habit that
 * keeps hidden screens from leaking listeners or tails.
 */
public final class Subscriptions {

    private final List<Subscription> active = new ArrayList<>();

    public void add(Subscription subscription) {
        active.add(subscription);
    }

    /** Closes the resource (a log tail, a task handle's cancel) on {@link #unsubscribeAll()}. */
    public void addCloseable(AutoCloseable resource) {
        active.add(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not release " + resource + ": " + e.getMessage(), e);
            }
        });
    }

    public <T> void onChange(ObservableValue<T> value, Consumer<? super T> consumer) {
        active.add(value.subscribe(consumer));
    }

    public void unsubscribeAll() {
        List<Subscription> copy = new ArrayList<>(active);
        active.clear();
        for (int i = copy.size() - 1; i >= 0; i--) {
            copy.get(i).unsubscribe();
        }
    }

    public int size() {
        return active.size();
    }
}
