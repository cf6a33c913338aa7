package dev.datafactory.console.compare;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixelDifferTest {

    private final PixelDiffer differ = new PixelDiffer();

    @Test
    void identicalImagesHaveNoChangedPixels() {
        Raster a = solid(300, 200, 0xFF336699);
        PixelDiff diff = differ.diff(a, solid(300, 200, 0xFF336699), 0);

        assertThat(diff.changedPixels()).isZero();
        assertThat(diff.percentChanged()).isZero();
        assertThat(Arrays.stream(diff.highlight()).allMatch(p -> p == 0)).isTrue();
    }

    @Test
    void countsChangedBlockAndMarksExactlyItsPixels() {
        Raster a = solid(100, 100, 0xFFFFFFFF);
        Raster b = solid(100, 100, 0xFFFFFFFF);
        for (int y = 10; y < 30; y++) {
            for (int x = 50; x < 60; x++) {
                b.argb()[y * 100 + x] = 0xFF000000;
            }
        }
        PixelDiff diff = differ.diff(a, b, 16);

        assertThat(diff.changedPixels()).isEqualTo(200);
        assertThat(diff.percentChanged()).isEqualTo(2.0);
        assertThat(diff.highlight()[15 * 100 + 55]).isEqualTo(PixelDiffer.HIGHLIGHT);
        assertThat(diff.highlight()[15 * 100 + 49]).isZero();
    }

    @Test
    void thresholdIgnoresSmallChannelDifferencesSuchAsAntiAliasing() {
        Raster a = solid(10, 10, 0xFF808080);
        Raster b = solid(10, 10, 0xFF848080); // red differs by 4

        assertThat(differ.diff(a, b, 3).changedPixels()).isEqualTo(100);
        assertThat(differ.diff(a, b, 4).changedPixels()).isZero();
    }

    @Test
    void areaOnlyOneImageCoversCountsAsChanged() {
        Raster shortPage = solid(10, 10, 0xFFFFFFFF);
        Raster longPage = solid(10, 30, 0xFFFFFFFF);
        PixelDiff diff = differ.diff(shortPage, longPage, 0);

        assertThat(diff.width()).isEqualTo(10);
        assertThat(diff.height()).isEqualTo(30);
        assertThat(diff.changedPixels()).isEqualTo(200);
        assertThat(diff.percentChanged()).isCloseTo(66.666, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void rejectsThresholdOutsideTheChannelRange() {
        assertThatThrownBy(() -> differ.diff(solid(1, 1, 0), solid(1, 1, 0), 300))
                .hasMessageContaining("between 0 and 255");
    }

    static Raster solid(int w, int h, int argb) {
        int[] px = new int[w * h];
        Arrays.fill(px, argb);
        return new Raster(w, h, px);
    }
}
