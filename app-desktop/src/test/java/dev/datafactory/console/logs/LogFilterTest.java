package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LogFilterTest {

    private final CanaryEvent blocked = CanaryEvent.of(Severity.WARNING, "Blocked by captcha on /product/7",
            Instant.parse("2026-03-01T10:00:00Z"), new CanaryLabels("run-1", "job-1", "shop", "cloud", "abc"));

    @Test
    void blankFieldsMatchAnything() {
        assertThat(new LogFilter(null, " ", "", null, "", "").matches(blocked)).isTrue();
        assertThat(new LogFilter(null, " ", "", null, "", "").isEmpty()).isTrue();
    }

    @Test
    void everyFieldNarrowsTheView() {
        assertThat(LogFilter.none().matches(blocked)).isTrue();
        assertThat(new LogFilter(Severity.ERROR, "", "", "", "", "").matches(blocked)).isFalse();
        assertThat(new LogFilter(Severity.WARNING, "shop", "run-1", "job-1", "cloud", "CAPTCHA").matches(blocked))
                .isTrue();
        assertThat(new LogFilter(null, "news", "", "", "", "").matches(blocked)).isFalse();
        assertThat(new LogFilter(null, "", "run-2", "", "", "").matches(blocked)).isFalse();
        assertThat(new LogFilter(null, "", "", "job-2", "", "").matches(blocked)).isFalse();
        assertThat(new LogFilter(null, "", "", "", "local", "").matches(blocked)).isFalse();
        assertThat(new LogFilter(null, "", "", "", "", "login wall").matches(blocked)).isFalse();
    }

    @Test
    void becomesTheSameQueryTheBackendRuns() {
        var query = new LogFilter(Severity.ERROR, "shop", "", "", "", " timeout ").toQuery(500);

        assertThat(query.schedule()).contains("shop");
        assertThat(query.run()).isEmpty();
        assertThat(query.text()).contains("timeout");
        assertThat(query.minSeverity()).isEqualTo(Severity.ERROR);
        assertThat(query.limit()).isEqualTo(500);
    }
}
