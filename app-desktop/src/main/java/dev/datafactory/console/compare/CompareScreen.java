package dev.datafactory.console.compare;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import javafx.scene.Node;

/** The Compare screen; "compare these two runs" from Runs opens them here. */
public final class CompareScreen implements Screen {

    /** Event-bus handlers that must hear events while the screen is hidden; undone in dispose(). */
    private final Subscriptions lifetime = new Subscriptions();

    private final CompareViewModel model;
    private CompareView view;

    public CompareScreen(ConsoleContext context) {
        this.model = new CompareViewModel(context.backend().runs(), context.backend().artifacts(), context.tasks(),
                new FxScreenshots());
        lifetime.add(context.events().subscribe(ConsoleEvents.CompareRuns.class, c -> model.open(c.left(), c.right())));
    }

    public CompareViewModel model() {
        return model;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new CompareView(model);
        }
        return view;
    }

    @Override
    public void activate() {
        model.loadCandidates();
    }

    @Override
    public void deactivate() {
        // Nothing live: images stay for when the operator comes back.
    }

    @Override
    public boolean handle(ScreenAction action) {
        if (action == ScreenAction.REFRESH) {
            model.loadCandidates();
            return true;
        }
        return false;
    }

    @Override
    public void dispose() {
        lifetime.unsubscribeAll();
    }
}
