package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import javafx.scene.Node;


/**
 * The Test scrape screen. Runs on the local worker (the local factory's queue) or the Cloud Run worker
 * (a TEST job on Pub/Sub), whichever Settings make available. A run keeps being followed while the
 * operator looks at other screens; closing the console stops following.
 */
public final class TestScrapeScreen implements Screen {

    /** Event-bus handlers that must hear events while the screen is hidden; undone in dispose(). */
    private final Subscriptions lifetime = new Subscriptions();

    private final ConsoleContext context;
    private final TestScrapeViewModel model;
    private TestScrapeView view;

    private final RunTargets targets;

    /** Offers the console's backend and the other one Settings name (see {@link RunTargets}). */
    public TestScrapeScreen(ConsoleContext context, RunTargets targets) {
        this.context = context;
        this.targets = targets;
        this.model = new TestScrapeViewModel(targets.list(), context.tasks(), context.clock());
        lifetime.add(context.events().subscribe(ConsoleEvents.OpenInTestScrape.class, e -> model.useSpec(e.spec())));
    }

    public TestScrapeViewModel model() {
        return model;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new TestScrapeView(model, context.operatorZone());
        }
        return view;
    }

    @Override
    public void activate() {
        model.loadTemplates();
    }

    @Override
    public void deactivate() {
        // The run goes on being followed; the poller lives with the view.
    }

    @Override
    public boolean handle(ScreenAction action) {
        return switch (action) {
            case RUN -> {
                model.run();
                yield true;
            }
            case REFRESH -> {
                model.loadTemplates();
                yield true;
            }
            default -> false;
        };
    }

    @Override
    public void dispose() {
        lifetime.unsubscribeAll();
        model.close();
        targets.close();
    }
}
