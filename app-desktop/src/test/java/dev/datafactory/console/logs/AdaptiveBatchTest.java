package dev.datafactory.console.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptiveBatchTest {

    private static final long MS = 1_000_000;

    @Test
    void startsAtTheMinimumAndDoublesAfterFastFramesUpToTheMaximum() {
        AdaptiveBatch batch = new AdaptiveBatch(250, 5_000, 30 * MS);
        assertThat(batch.size()).isEqualTo(250);
        batch.frameTook(10 * MS);
        assertThat(batch.size()).isEqualTo(500);
        for (int i = 0; i < 10; i++) {
            batch.frameTook(10 * MS);
        }
        assertThat(batch.size()).isEqualTo(5_000);
    }

    @Test
    void halvesAfterASlowFrameButNotBelowTheMinimum() {
        AdaptiveBatch batch = new AdaptiveBatch(250, 5_000, 30 * MS);
        for (int i = 0; i < 5; i++) {
            batch.frameTook(MS);
        }
        assertThat(batch.size()).isEqualTo(5_000);
        batch.frameTook(61 * MS);
        assertThat(batch.size()).isEqualTo(2_500);
        for (int i = 0; i < 10; i++) {
            batch.frameTook(200 * MS);
        }
        assertThat(batch.size()).isEqualTo(250);
    }

    @Test
    void keepsItsSizeForFramesBetweenTheTargetAndTwiceTheTarget() {
        AdaptiveBatch batch = new AdaptiveBatch(100, 1_000, 30 * MS);
        batch.frameTook(MS);
        batch.frameTook(30 * MS);
        batch.frameTook(60 * MS);
        assertThat(batch.size()).isEqualTo(200);
    }

    @Test
    void rejectsBoundsThatCannotHold() {
        assertThatThrownBy(() -> new AdaptiveBatch(0, 10, MS)).hasMessageContaining("min=0");
        assertThatThrownBy(() -> new AdaptiveBatch(10, 5, MS)).hasMessageContaining("max=5");
        assertThatThrownBy(() -> new AdaptiveBatch(1, 5, 0)).hasMessageContaining("target frame time");
    }
}
