package dev.datafactory.console.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenshotStepsTest {

    @Test
    void pairsStepsByNameEvenWhenOneRunTookAnExtraStep() {
        List<ScreenshotStep> steps = ScreenshotSteps.pair(
                List.of("canary/s/a/j/00-loaded.png", "canary/s/a/j/01-page.png", "canary/s/a/j/02-page.png"),
                List.of("canary/s/b/j/00-loaded.png", "canary/s/b/j/01-blocked.png", "canary/s/b/j/02-page.png"));

        assertThat(steps).extracting(ScreenshotStep::step).containsExactly("loaded", "page", "page #2", "blocked");
        assertThat(steps.get(1)).isEqualTo(new ScreenshotStep("page", Optional.of("canary/s/a/j/01-page.png"),
                Optional.of("canary/s/b/j/02-page.png")));
        assertThat(steps.get(2).rightKey()).isEmpty();
        assertThat(steps.get(3).leftKey()).isEmpty();
    }

    @Test
    void jobsThatShareNoPageMeetInOrderSoThereIsStillSomethingToDiff() {
        List<ScreenshotStep> steps = ScreenshotSteps.pair(
                List.of("canary/s/a/j/00-index.png", "canary/s/a/j/01-product-1.png"),
                List.of("canary/s/b/k/00-blocked-members.png"));

        assertThat(steps).containsExactly(
                new ScreenshotStep("index ↔ members", Optional.of("canary/s/a/j/00-index.png"),
                        Optional.of("canary/s/b/k/00-blocked-members.png")),
                new ScreenshotStep("product-1", Optional.of("canary/s/a/j/01-product-1.png"), Optional.empty()));
    }

    @Test
    void aPagesFailureScreenshotMeetsTheSamePagesNormalOne() {
        List<ScreenshotStep> steps = ScreenshotSteps.pair(
                List.of("canary/s/a/j/00-index.png", "canary/s/a/j/01-product-1.png"),
                List.of("canary/s/b/j/00-blocked-product-1.png"));

        assertThat(steps).extracting(ScreenshotStep::step).containsExactly("index", "product-1");
        assertThat(steps.get(1).rightKey()).contains("canary/s/b/j/00-blocked-product-1.png");
    }

    @Test
    void stepNameIsTheFileNameWithoutIndexAndExtension() {
        assertThat(ScreenshotSteps.stepOf("canary/s/r/j/03-after-load.png")).isEqualTo("after-load");
        assertThat(ScreenshotSteps.stepOf("canary/s/r/j/final.png")).isEqualTo("final");
    }
}
