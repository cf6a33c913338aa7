package dev.datafactory.model.artifact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactKeysTest {

    @Test
    void followsTheDesignLayout() {
        assertThat(ArtifactKeys.results("s", "r", "j")).isEqualTo("results/s/r/j.jsonl");
        assertThat(ArtifactKeys.screenshot("s", "r", "j", 3, "After Wait: #reviews")).isEqualTo(
                "canary/s/r/j/03-after-wait-reviews.png");
        assertThat(ArtifactKeys.runRecord("r", "j")).isEqualTo("runs/r/j.json");
    }

    @Test
    void refusesSegmentsThatCouldEscapeTheLayout() {
        assertThatThrownBy(() -> ArtifactKeys.results("..", "r", "j")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArtifactKeys.runRecord("r/x", "j")).isInstanceOf(IllegalArgumentException.class);
    }
}
