package dev.datafactory.console.compare;

import dev.datafactory.console.runs.SampleRuns;
import dev.datafactory.model.run.EnvironmentFingerprint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintDiffTest {

    @Test
    void marksRowsASiteCouldTellApart() {
        EnvironmentFingerprint local = SampleRuns.fingerprint("local", "Mozilla/5.0 desktop", false);
        EnvironmentFingerprint cloud = SampleRuns.fingerprint("cloud-run", "Mozilla/5.0 HeadlessChrome", true);

        List<FingerprintRow> rows = FingerprintDiff.rows(Optional.of(local), Optional.of(cloud));

        assertThat(rows).extracting(FingerprintRow::key).startsWith("host", "userAgent", "navigator.webdriver");
        assertThat(rows).filteredOn(FingerprintRow::differs).extracting(FingerprintRow::key)
                .containsExactly("host", "userAgent", "navigator.webdriver");
        assertThat(rows).contains(new FingerprintRow("navigator.webdriver", "false", "true", true));
        assertThat(FingerprintDiff.differences(rows)).isEqualTo(3);
    }

    @Test
    void aMissingFingerprintShowsEveryRowAsDifferent() {
        EnvironmentFingerprint local = SampleRuns.fingerprint("local", "UA", false);

        List<FingerprintRow> rows = FingerprintDiff.rows(Optional.of(local), Optional.empty());

        assertThat(rows).allMatch(FingerprintRow::differs);
        assertThat(rows.get(0)).isEqualTo(new FingerprintRow("host", "local", FingerprintDiff.ABSENT, true));
    }
}
