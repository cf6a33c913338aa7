package dev.datafactory.model.conformance;

import dev.datafactory.model.ports.BackendException;
import dev.datafactory.model.ports.ScheduleService;
import dev.datafactory.model.schedule.RetryPolicy;
import dev.datafactory.model.schedule.Schedule;
import dev.datafactory.model.schedule.ScheduleCodec;
import dev.datafactory.model.schedule.ScheduleState;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one behaviour every {@link ScheduleService} has (the embedded cron engine locally, Cloud
 * Scheduler in the cloud): the same schedule round-trips, pause/resume, not-found and invalid input.
 * Subclass it in the adapter's tests and return a fresh, empty service from {@link #newService()}.
 */
public abstract class ScheduleServiceConformance {

    protected ScheduleService service;

    /** A fresh service with no schedules; called before every test. */
    protected abstract ScheduleService newService() throws Exception;

    @BeforeEach
    void createService() throws Exception {
        service = newService();
    }

    /** A realistic schedule as an operator writes it: every part of the template set to non-defaults. */
    protected static Schedule sample(String id) {
        return ScheduleCodec.parse("sample schedule", """
                {
                  "id": "%s",
                  "name": "Nightly products (%s)",
                  "cron": "30 2 * * 1-5",
                  "timeZone": "Europe/Berlin",
                  "state": "ENABLED",
                  "template": {
                    "name": "demo-products",
                    "startUrls": ["http://127.0.0.1:8931/", "http://127.0.0.1:8931/page/2"],
                    "follow": {"selector": "a.product-link", "maxDepth": 2, "maxPages": 50, "sameSite": true},
                    "extract": {
                      "urlPattern": "/product/\\\\d+$",
                      "waitFor": "#reviews .review",
                      "fields": {
                        "title": {"selector": "h1"},
                        "image": {"selector": "img.hero", "attribute": "src"},
                        "reviews": {"selector": "#reviews .review", "all": true}
                      }
                    },
                    "screenshots": {"when": "onFailure", "fullPage": true},
                    "blockSignals": {"selectors": ["#captcha"], "texts": ["unusual traffic"],
                                     "urlPatterns": ["/login"], "statusCodes": [403, 429]},
                    "browser": {"locale": "de-DE", "timezoneId": "Europe/Berlin",
                                "viewport": {"width": 1440, "height": 900}, "headers": {"X-Canary": "1"}},
                    "timeouts": {"navigationMs": 20000, "jobMs": 90000},
                    "allowHosts": ["127.0.0.1"]
                  },
                  "retry": {"maxAttempts": 3, "minBackoffSeconds": 20, "maxBackoffSeconds": 300}
                }
                """.formatted(id, id));
    }

    /** What operators wrote, without the times the backend keeps. */
    private static Schedule written(Schedule s) {
        return s.withTimes(Optional.empty(), Optional.empty());
    }

    @Test
    void theSameScheduleRoundTrips() {
        Schedule sample = sample("nightly");

        Schedule created = service.create(sample);

        assertThat(written(created)).isEqualTo(written(sample));
        assertThat(service.get("nightly").map(ScheduleServiceConformance::written)).hasValue(written(sample));
        assertThat(service.list()).extracting(ScheduleServiceConformance::written).containsExactly(written(sample));
    }

    @Test
    void anEnabledScheduleKnowsWhenItFiresNext() {
        Instant before = Instant.now();
        service.create(sample("nightly"));

        Schedule read = service.get("nightly").orElseThrow();

        assertThat(read.nextFireTime()).hasValueSatisfying(next -> {
            assertThat(next).isAfter(before);
            assertThat(read.cronSchedule().next(before, read.zone()).map(f -> f.instant())).hasValue(next);
        });
    }

    @Test
    void listsSchedulesOrderedById() {
        service.create(sample("b-second"));
        service.create(sample("a-first"));
        service.create(sample("c_third"));

        assertThat(service.list()).extracting(Schedule::id).containsExactly("a-first", "b-second", "c_third");
    }

    @Test
    void updateReplacesWhatOperatorsWrote() {
        service.create(sample("nightly"));
        Schedule changed = new Schedule("nightly", "Hourly now", "0 * * * *", "UTC", ScheduleState.ENABLED,
                sample("x").template().withName("renamed-spec"), new RetryPolicy(7, 5, 60), Optional.empty(),
                Optional.empty());

        Schedule updated = service.update(changed);

        assertThat(written(updated)).isEqualTo(changed);
        assertThat(service.get("nightly").map(ScheduleServiceConformance::written)).hasValue(changed);
        assertThat(service.list()).hasSize(1);
    }

    @Test
    void pauseAndResumeFlipTheStateAndKeepTheRest() {
        service.create(sample("nightly"));

        Schedule paused = service.pause("nightly");
        assertThat(paused.state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(service.get("nightly").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(written(paused)).isEqualTo(written(sample("nightly").withState(ScheduleState.PAUSED)));

        Schedule resumed = service.resume("nightly");
        assertThat(resumed.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(service.get("nightly").map(ScheduleServiceConformance::written))
                .hasValue(written(sample("nightly")));
    }

    @Test
    void aScheduleCreatedPausedStaysPaused() {
        Schedule created = service.create(sample("later").withState(ScheduleState.PAUSED));

        assertThat(created.state()).isEqualTo(ScheduleState.PAUSED);
        assertThat(service.get("later").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
    }

    @Test
    void deleteRemovesIt() {
        service.create(sample("nightly"));
        service.create(sample("other"));

        service.delete("nightly");

        assertThat(service.get("nightly")).isEmpty();
        assertThat(service.list()).extracting(Schedule::id).containsExactly("other");
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThat(service.get("ghost")).isEmpty();
        for (Runnable op : new Runnable[] {
                () -> service.update(sample("ghost")),
                () -> service.delete("ghost"),
                () -> service.pause("ghost"),
                () -> service.resume("ghost"),
                () -> service.runNow("ghost")}) {
            assertThatThrownBy(op::run).isInstanceOfSatisfying(BackendException.class, e -> {
                assertThat(e.kind()).isEqualTo(BackendException.Kind.NOT_FOUND);
                assertThat(e.getMessage()).contains("ghost");
            });
        }
    }

    @Test
    void creatingAnExistingIdIsRefused() {
        service.create(sample("nightly"));

        assertThatThrownBy(() -> service.create(sample("nightly")))
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackendException.Kind.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("nightly");
                });
    }

    @Test
    void invalidInputIsRejectedWithEveryFieldPath() {
        Schedule good = sample("nightly");
        Schedule bad = new Schedule("Bad Id!", good.name(), "61 25 * * *", "Mars/Olympus", ScheduleState.ENABLED,
                good.template(), good.retry(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> service.create(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(Problem::path).contains("id", "cron", "timeZone"));
        assertThat(service.list()).isEmpty();
    }

    @Test
    void invalidUpdateLeavesTheScheduleUnchanged() {
        service.create(sample("nightly"));
        Schedule good = sample("nightly");
        Schedule bad = new Schedule("nightly", good.name(), "not a cron", good.timeZone(), good.state(),
                good.template(), new RetryPolicy(3, 600, 20), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> service.update(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.problems()).extracting(Problem::path)
                        .contains("cron", "retry.maxBackoffSeconds"));
        assertThat(service.get("nightly").map(ScheduleServiceConformance::written)).hasValue(written(good));
    }

    @Test
    void runNowStartsARunOfThatSchedule() {
        service.create(sample("nightly"));

        String runId = service.runNow("nightly");

        assertThat(runId).startsWith("nightly-");
    }
}
