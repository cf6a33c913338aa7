package dev.datafactory.local.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogRetentionTest {

    @Test
    void anOperatorsTotalBecomesFilesThatKeepHistoryAcrossARotation() {
        assertThat(LogRetention.ofTotalMegabytes(200)).isEqualTo(LogRetention.defaults());
        assertThat(LogRetention.ofTotalMegabytes(1000)).satisfies(r -> {
            assertThat(r.maxFiles()).isEqualTo(100);
            assertThat(r.totalMegabytes()).isEqualTo(1000);
        });
        assertThat(LogRetention.ofTotalMegabytes(8)).satisfies(r -> {
            assertThat(r.maxFiles()).isEqualTo(2);
            assertThat(r.maxFileBytes()).isEqualTo(4L * 1024 * 1024);
        });
        assertThatThrownBy(() -> LogRetention.ofTotalMegabytes(1))
                .hasMessage("canary log history must be at least 2 MB, was 1 MB");
    }
}
