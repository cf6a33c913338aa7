package dev.datafactory.console.testscrape;

import dev.datafactory.console.common.ConsoleContext;
import dev.datafactory.console.common.ConsoleEvents;
import dev.datafactory.console.common.Screen;
import dev.datafactory.console.common.ScreenAction;
import dev.datafactory.console.common.Subscriptions;
import javafx.scene.Node;

import java.util.List;

/**
 * The Test scrape screen. Runs on the console's backend: the local worker on the local factory, the
 * Cloud Run worker (a TEST job on Pub/Sub) on the GCP backend. A run keeps being followed while the
 * operator looks at other screens; closing the console stops following.
 */
public final class TestScrapeScreen implements Screen {

    /** Event-bus handlers that must hear events while the screen is hidden; undone in dispose(). */
    private final Subscriptions lifetime = new Subscriptions();

    private final ConsoleContext context;
    private final TestScrapeViewModel model;
    private TestScrapeView view;

    public TestScrapeScreen(ConsoleContext context) {
        this.context = context;
        this.model = new TestScrapeViewModel(List.of(RunTarget.of(context.backend())), context.tasks(),
                context.clock());
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
    }
}
