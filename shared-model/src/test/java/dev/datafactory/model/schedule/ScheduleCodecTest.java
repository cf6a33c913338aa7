package dev.datafactory.model.schedule;

import dev.datafactory.model.spec.ScrapeSpecCodec;
import dev.datafactory.model.testing.Specs;
import dev.datafactory.model.validation.InvalidInputException;
import dev.datafactory.model.validation.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleCodecTest {

    @Test
    void roundTripsWithRuntimeFields() {
        Schedule schedule = new Schedule("demo-shop", "Demo shop", "*/5 * * * *", "Europe/Berlin",
                ScheduleState.PAUSED, Specs.demoProducts(), new RetryPolicy(3, 5, 60),
                Optional.of(Instant.parse("2026-01-01T09:00:00Z")), Optional.of(Instant.parse("2026-01-01T09:05:00Z")));

        String json = ScheduleCodec.toJson(schedule);

        assertThat(ScheduleCodec.parse("schedule.json", json)).isEqualTo(schedule);
    }

    @Test
    void appliesDefaults() {
        String json = "{\"id\":\"s1\",\"cron\":\"0 9 * * 1-5\",\"template\":" + Specs.demoProductsJson() + "}";
        Schedule schedule = ScheduleCodec.parse("s", json);
        assertThat(schedule.name()).isEqualTo("s1");
        assertThat(schedule.timeZone()).isEqualTo("UTC");
        assertThat(schedule.state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(schedule.retry()).isEqualTo(RetryPolicy.defaults());
        assertThat(schedule.template()).isEqualTo(ScrapeSpecCodec.parse("x", Specs.demoProductsJson()));
    }

    @Test
    void rejectsInvalidCronZoneIdAndTemplateTogether() {
        String json = "{\"id\":\"Bad Id\",\"cron\":\"0 25 * * *\",\"timeZone\":\"Europe/Atlantis\","
                + "\"state\":\"RUNNING\",\"retry\":{\"maxAttempts\":0},\"template\":{\"name\":\"t\"}}";
        assertThatThrownBy(() -> ScheduleCodec.parse("schedule.json", json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("id", "cron", "timeZone", "state",
                                "template.startUrls", "retry.maxAttempts"));
    }
}
