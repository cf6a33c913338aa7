package dev.datafactory.console.common;

import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Messages between distant parts of the console ("open run X in Runs"), so screens need not know
 * each other. Publish and deliver on the FX thread; handlers run synchronously, in subscription
 * order. Event types are the records in {@link ConsoleEvents} (or any record a screen defines).
 */
public final class EventBus {

    private record Handler<E>(Class<E> type, Consumer<? super E> consumer) {
        void deliver(Object event) {
            if (type.isInstance(event)) {
                consumer.accept(type.cast(event));
            }
        }
    }

    private final List<Handler<?>> handlers = new CopyOnWriteArrayList<>();

    /** Hears every published event of {@code type} (and its subtypes) until unsubscribed. */
    public <E> Subscription subscribe(Class<E> type, Consumer<? super E> consumer) {
        Handler<E> handler = new Handler<>(type, consumer);
        handlers.add(handler);
        return () -> handlers.remove(handler);
    }

    public void publish(Object event) {
        for (Handler<?> handler : new ArrayList<>(handlers)) {
            handler.deliver(event);
        }
    }
}
