package dev.datafactory.model.ports;

import dev.datafactory.model.canary.CanaryEvent;

import java.util.List;
import java.util.function.Consumer;

/** Canary logs: query what was written, or follow what is being written. */
public interface CanaryLogs {

    /** Matching events, oldest first, at most {@code query.limit()} (the newest ones when there are more). */
    List<CanaryEvent> query(LogQuery query);

    /**
     * Delivers matching events written from now on to {@code sink}, on a background thread, until
     * the returned tail is closed. {@code onError} hears of a broken stream once, then nothing more.
     */
    LogTail tail(LogQuery query, Consumer<CanaryEvent> sink, Consumer<Exception> onError);
}
