package dev.datafactory.console.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RingBufferTest {

    @Test
    void keepsTheNewestItemsOldestFirstOnceFull() {
        RingBuffer<Integer> buffer = new RingBuffer<>(3);
        assertThat(buffer.add(1)).isFalse();
        buffer.add(2);
        buffer.add(3);
        assertThat(buffer.add(4)).isTrue();
        buffer.add(5);

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.get(0)).isEqualTo(3);
        assertThat(buffer.get(2)).isEqualTo(5);
        assertThat(buffer.filter(i -> true, 10)).containsExactly(3, 4, 5);
    }

    @Test
    void filterReturnsTheNewestMatchesUpToTheLimit() {
        RingBuffer<Integer> buffer = new RingBuffer<>(100);
        for (int i = 0; i < 100; i++) {
            buffer.add(i);
        }
        assertThat(buffer.filter(i -> i % 10 == 0, 3)).containsExactly(70, 80, 90);
    }
}
