package dev.datafactory.console.common;

import javafx.scene.Node;

/**
 * One screen of the console. The view is built in code once; the shell calls {@link #activate()}
 * when the screen is shown and {@link #deactivate()} when it is left, and deactivate undoes every
 * listener, tail and subscription activate made (see {@link Subscriptions}).
 */
public interface Screen {

    /** The screen's root node, built on first call and reused afterwards (FX thread). */
    Node view();

    void activate();

    void deactivate();

    /**
     * The screen is discarded (the console switched backend or is closing): undo whatever the
     * constructor subscribed to, e.g. event-bus handlers that must hear events while hidden.
     */
    default void dispose() {
    }

    /**
     * A main action from the shell's keyboard shortcuts or toolbar; returns whether the screen did
     * something with it (e.g. Schedules handles NEW and RUN, every list handles REFRESH).
     */
    default boolean handle(ScreenAction action) {
        return false;
    }
}
