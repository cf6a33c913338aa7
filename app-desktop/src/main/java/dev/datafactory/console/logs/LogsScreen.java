package dev.datafactory.console.logs;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import dev.datafactory.model.canary.Severity;
import javafx.scene.Node;

/**
 * The Logs screen: tails while shown, stops the tail when left. Hears "show logs of ..." from
 * other screens even when hidden, so it opens already filtered.
 */
public final class LogsScreen implements Screen {

    /** Event-bus handlers that must hear events while the screen is hidden; undone in dispose(). */
    private final Subscriptions lifetime = new Subscriptions();

    private final ConsoleContext context;
    private final LogsViewModel model;
    private LogsView view;

    public LogsScreen(ConsoleContext context) {
        this.context = context;
        this.model = new LogsViewModel(context.backend().logs(), context.backend().artifacts(), context.tasks(),
                context.events(), LogsViewModel.DEFAULT_CAPACITY, LogsViewModel.DEFAULT_BATCH);
        lifetime.add(context.events().subscribe(ConsoleEvents.ShowLogs.class, this::show));
    }

    public LogsViewModel model() {
        return model;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new LogsView(model, context.operatorZone());
        }
        return view;
    }

    @Override
    public void activate() {
        model.start();
        ((LogsView) view()).startPump();
    }

    @Override
    public void deactivate() {
        if (view != null) {
            view.stopPump();
        }
        model.stop();
    }

    @Override
    public boolean handle(ScreenAction action) {
        if (action == ScreenAction.REFRESH) {
            model.reload();
            return true;
        }
        return false;
    }

    private void show(ConsoleEvents.ShowLogs request) {
        LogFilter filter = new LogFilter(Severity.DEFAULT, request.scheduleId().orElse(""),
                request.runId().orElse(""), request.jobId().orElse(""), "", "");
        ((LogsView) view()).showFilter(filter);
    }

    @Override
    public void dispose() {
        lifetime.unsubscribeAll();
    }
}
