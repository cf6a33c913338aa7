package dev.datafactory.console.runs;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import javafx.scene.Node;

/** The Runs screen: refreshes when shown; "open run X" from other screens narrows it to that run. */
public final class RunsScreen implements Screen {

    /** Event-bus handlers that must hear events while the screen is hidden; undone in dispose(). */
    private final Subscriptions lifetime = new Subscriptions();

    private final RunsViewModel model;
    private RunsView view;

    public RunsScreen(ConsoleContext context) {
        this.model = new RunsViewModel(context.backend().runs(), context.tasks(), context.events(),
                context.operatorZone());
        lifetime.add(context.events().subscribe(ConsoleEvents.OpenRun.class, open -> model.focus(open.run())));
    }

    public RunsViewModel model() {
        return model;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new RunsView(model);
        }
        return view;
    }

    @Override
    public void activate() {
        model.refresh();
    }

    @Override
    public void deactivate() {
        // Nothing follows live here: the table reloads on activate, F5 and its refresh button, so a
        // selection made for Compare is never swept away by a timer.
    }

    @Override
    public boolean handle(ScreenAction action) {
        if (action == ScreenAction.REFRESH) {
            model.refresh();
            return true;
        }
        return false;
    }

    @Override
    public void dispose() {
        lifetime.unsubscribeAll();
    }
}
