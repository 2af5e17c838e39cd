package org.dragnj.datasets.hpa.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.junit.jupiter.api.Test;

class BoxSelectorTest {

    private static HpaCropSpec.Builder config() {
        return HpaCropSpec.builder().setGrouping(Path.of("g.csv"), GroupingFormat.BAG_CSV)
                .setImageFolder(Path.of("img")).setOutputFolder(Path.of("out"));
    }

    @Test
    void iouAndContainment() {
        Box a = new Box(0, 0, 10, 10, 0);
        Box b = new Box(5, 0, 10, 10, 0);
        assertThat(a.iou(b)).isCloseTo(50.0 / 150, within(1e-12));
        assertThat(a.iou(new Box(20, 20, 5, 5, 0))).isZero();
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.contains(9.9, 0)).isTrue();
        assertThat(a.contains(10, 5)).isFalse();
        assertThatThrownBy(() -> new Box(0, 0, 0, 3, 0)).hasMessageContaining("positive");
    }

    @Test
    void squareWindowsKeepTheCentreAndStayInside() {
        assertThat(new Box(40, 40, 20, 10, 1).squareWithin(100, 100)).isEqualTo(new Box(40, 35, 20, 20, 1));
        // shifted inside at the border
        assertThat(new Box(0, 0, 30, 10, 1).squareWithin(100, 100)).isEqualTo(new Box(0, 0, 30, 30, 1));
        assertThat(new Box(90, 95, 10, 5, 1).squareWithin(100, 100)).isEqualTo(new Box(90, 90, 10, 10, 1));
        // larger than the short side of the image: shrunk to it
        assertThat(new Box(0, 10, 120, 40, 1).squareWithin(200, 80)).isEqualTo(new Box(20, 0, 80, 80, 1));
    }

    @Test
    void filtersBySizeAndAspectThenSuppressesOverlapsThenKeepsTheBest() {
        BoxSelector sel = new BoxSelector(config().optBoxSides(0.1, 0.5).optMaxAspectRatio(2).optNmsIou(0.3)
                .optMaxCropsPerImage(2).build().proposals());
        List<Box> proposals = List.of(
                new Box(10, 10, 5, 30, 9),     // too thin (5 < 10 px)
                new Box(0, 0, 60, 20, 8),      // aspect 3 > 2
                new Box(0, 0, 70, 60, 7),      // too large (70 > 50)
                new Box(20, 20, 30, 30, 5),    // kept
                new Box(22, 22, 30, 30, 6),    // kept first (higher score)
                new Box(60, 60, 20, 20, 1),    // kept? only 2 allowed, and this one is the worst
                new Box(60, 60, 24, 20, 4));   // kept second
        BoxSelector.Selection s = sel.select(proposals, 100, 100);
        assertThat(s.proposed()).isEqualTo(7);
        assertThat(s.sized()).isEqualTo(4);
        assertThat(s.windows()).containsExactly(new Box(22, 22, 30, 30, 6), new Box(60, 58, 24, 24, 4));
    }

    @Test
    void configIsValidatedWithTheReason() {
        assertThatThrownBy(() -> HpaCropSpec.builder().build()).hasMessageContaining("setGrouping");
        assertThatThrownBy(() -> config().optBoxSides(0.5, 0.2).build()).hasMessageContaining("minBoxSide < maxBoxSide");
        assertThatThrownBy(() -> config().optCropSize(4).build()).hasMessageContaining("cropSize");
        assertThatThrownBy(() -> config().optNmsIou(0).build()).hasMessageContaining("nmsIou");
        assertThatThrownBy(() -> config().optClasses(List.of("a", "a")).build()).hasMessageContaining("distinct");
        assertThatThrownBy(() -> config().optClasses(List.of("a;b")).build()).hasMessageContaining("';'");
        assertThatThrownBy(() -> config().optThreads(0).build()).hasMessageContaining("threads");
        assertThat(config().build().cropFingerprint()).isNotEqualTo(config().optCropSize(256).build().cropFingerprint());
    }
}
