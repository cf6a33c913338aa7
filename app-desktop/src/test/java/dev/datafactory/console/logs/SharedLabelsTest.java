package dev.datafactory.console.logs;

import dev.datafactory.model.canary.CanaryDetail;
import dev.datafactory.model.canary.CanaryEvent;
import dev.datafactory.model.canary.CanaryLabels;
import dev.datafactory.model.canary.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedLabelsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    /** New strings each time, as a line parsed from a log file has. */
    private static CanaryLabels labels(String run) {
        return new CanaryLabels(new String(run), new String(run + "-job"), new String("shop"), new String("local"),
                new String("abc1234"));
    }

    @Test
    void linesWithEqualLabelsShareOneLabelsObjectAndStayEqualToTheOriginals() {
        SharedLabels shared = new SharedLabels();
        CanaryEvent first = CanaryEvent.of(Severity.INFO, "page 1", T, labels("r1"));
        CanaryEvent second = CanaryEvent.of(Severity.WARNING, "page 2", T.plusMillis(1), labels("r1"))
                .withDetail(CanaryDetail.step("page").withScreenshot("shots/2.png")).withTrace("t-2");
        CanaryEvent other = CanaryEvent.of(Severity.INFO, "page 3", T, labels("r2"));

        CanaryEvent a = shared.share(first);
        CanaryEvent b = shared.share(second);
        CanaryEvent c = shared.share(other);

        assertThat(a).isSameAs(first);
        assertThat(b).isEqualTo(second).isNotSameAs(second);
        assertThat(b.labels()).isSameAs(a.labels());
        assertThat(c.labels()).isNotSameAs(a.labels()).isEqualTo(labels("r2"));
    }

    @Test
    void sharesAWholeHistoryInOrder() {
        SharedLabels shared = new SharedLabels();
        List<CanaryEvent> history = List.of(CanaryEvent.of(Severity.INFO, "a", T, labels("r1")),
                CanaryEvent.of(Severity.INFO, "b", T, labels("r1")));

        List<CanaryEvent> result = shared.shareAll(history);

        assertThat(result).isEqualTo(history);
        assertThat(result.get(1).labels()).isSameAs(result.get(0).labels());
    }

    @Test
    void startsOverInsteadOfGrowingWithoutEnd() {
        SharedLabels shared = new SharedLabels();
        for (int i = 0; i < 10_002; i++) {
            shared.share(CanaryEvent.of(Severity.INFO, "x", T, labels("run-" + i)));
        }
        CanaryEvent early = CanaryEvent.of(Severity.INFO, "y", T, labels("run-1"));
        // run-1's labels were forgotten when the table started over: the line keeps its own labels.
        assertThat(shared.share(early)).isSameAs(early);
    }
}
