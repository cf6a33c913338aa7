package dev.datafactory.model.job;

import dev.datafactory.model.spec.ScrapeSpec;
import dev.datafactory.model.spec.ScrapeSpecCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What a publisher writes, a worker must read back: the strict reader accepts the writer's output. */
class JobRequestRoundTripTest {

    @Test
    void jobWithEveryPartOfTheSpecSurvivesWriteThenStrictRead() {
        ScrapeSpec spec = ScrapeSpecCodec.parse("spec", """
                {"name": "demo", "startUrls": ["http://127.0.0.1:8931/"],
                 "follow": {"selector": "a", "maxDepth": 1, "maxPages": 10, "sameSite": true},
                 "extract": {"urlPattern": "/p/\\\\d+$", "waitFor": "h1", "itemSelector": null,
                             "fields": {"t": {"selector": "h1"}, "all": {"selector": "li", "all": true}}},
                 "screenshots": {"when": "onFailure", "fullPage": true},
                 "blockSignals": {"selectors": ["#captcha"], "texts": ["unusual traffic"],
                                  "urlPatterns": ["/login"], "statusCodes": [403]},
                 "browser": {"userAgent": null, "locale": "en-US", "timezoneId": "UTC",
                             "viewport": {"width": 1280, "height": 800}, "headers": {}},
                 "timeouts": {"navigationMs": 30000, "jobMs": 120000}, "allowHosts": ["127.0.0.1"]}""");
        JobRequest job = new JobRequest("j1", "r1", "s1", Trigger.SCHEDULE, 2, spec,
                Instant.parse("2026-01-31T09:00:00Z"));

        assertThat(JobRequestCodec.parse("again", JobRequestCodec.toBytes(job))).isEqualTo(job);
    }
}
