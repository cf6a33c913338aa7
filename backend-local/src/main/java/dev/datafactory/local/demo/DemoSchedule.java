package dev.datafactory.local.demo;

import dev.datafactory.local.LocalFactory;
import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The schedule a new user sees fire within a minute: every minute, UTC, scraping the demo shop
 * (three products, and the members page that is a captcha wall: the BLOCKED example). Created
 * once, on the first start of a fresh data directory; deleting it is respected.
 */
public final class DemoSchedule {

    public static final String ID = "demo";
    static final String META_KEY = "demo.created";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSchedule.class);

    private DemoSchedule() {
    }

    /** The demo schedule for a shop at {@code shop}. */
    public static Schedule forShop(URI shop) {
        String base = shop.toString().endsWith("/") ? shop.toString() : shop + "/";
        return ScheduleCodec.parse("demo schedule", """
                {
                  "id": "%s",
                  "name": "Demo shop (every minute)",
                  "cron": "* * * * *",
                  "timeZone": "UTC",
                  "template": {
                    "name": "demo-products",
                    "startUrls": ["%s", "%smembers"],
                    "follow": {"selector": "a.product-link", "maxDepth": 1, "maxPages": 20, "sameSite": true},
                    "extract": {
                      "urlPattern": "/product/\\\\d+$",
                      "waitFor": "#reviews .review",
                      "fields": {
                        "title": {"selector": "h1"},
                        "price": {"selector": ".price"},
                        "image": {"selector": "img.hero", "attribute": "src"},
                        "reviews": {"selector": "#reviews .review", "all": true}
                      }
                    },
                    "screenshots": {"when": "always", "fullPage": true},
                    "blockSignals": {"selectors": ["#captcha"], "texts": ["unusual traffic"],
                                     "urlPatterns": ["/login"], "statusCodes": [403, 429]},
                    "timeouts": {"navigationMs": 15000, "jobMs": 60000},
                    "allowHosts": ["127.0.0.1"]
                  },
                  "retry": {"maxAttempts": 3, "minBackoffSeconds": 5, "maxBackoffSeconds": 60}
                }
                """.formatted(ID, base, base));
    }

    /**
     * On a fresh data directory, creates the demo schedule; later, if the shop had to move to another
     * port, points the (still existing) demo schedule at it. Returns the demo schedule if there is one.
     */
    public static Optional<Schedule> ensure(LocalFactory factory, URI shop) {
        Schedule wanted = forShop(shop);
        if (factory.meta().putIfAbsent(META_KEY, factory.directory().root().toString())) {
            try {
                Schedule created = factory.schedules().create(wanted);
                LOG.info("Created the demo schedule \"{}\": every minute, scraping the demo shop at {}", ID, shop);
                return Optional.of(created);
            } catch (BackendException e) {
                if (e.kind() != BackendException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        Optional<Schedule> existing = factory.schedules().get(ID);
        if (existing.isPresent() && pointsAtAnotherDemoShop(existing.get(), wanted)) {
            Schedule s = existing.get();
            Schedule moved = new Schedule(s.id(), s.name(), s.cron(), s.timeZone(), s.state(),
                    s.template().withStartUrls(wanted.template().startUrls()), s.retry(), s.lastFireTime(),
                    s.nextFireTime());
            LOG.info("The demo shop runs on {} now; pointing the demo schedule there", shop);
            return Optional.of(factory.schedules().update(moved));
        }
        return existing;
    }

    /** Only the demo's own loopback URLs are rewritten; a schedule the user re-aimed is left alone. */
    private static boolean pointsAtAnotherDemoShop(Schedule existing, Schedule wanted) {
        List<String> urls = existing.template().startUrls();
        if (urls.equals(wanted.template().startUrls()) || urls.size() != wanted.template().startUrls().size()) {
            return false;
        }
        for (int i = 0; i < urls.size(); i++) {
            URI have = URI.create(urls.get(i));
            URI want = URI.create(wanted.template().startUrls().get(i));
            if (!"127.0.0.1".equals(have.getHost()) || !want.getPath().equals(have.getPath())) {
                return false;
            }
        }
        return true;
    }
}
