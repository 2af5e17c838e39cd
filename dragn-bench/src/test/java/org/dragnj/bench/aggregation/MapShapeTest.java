package org.dragnj.bench.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Feature shapes come from the DL4J trunk graphs, not from guesses. */
class MapShapeTest {

    @Test
    void trunkShapesAreComputedFromTheGraph() {
        assertThat(MapShape.parse("RESNET18@180x320")).containsExactly(512, 6, 10);
        // the zoo ResNet50 downsamples by 64 (its stage 2 also has stride 2)
        assertThat(MapShape.parse("ZOO_RESNET50@512x512")).containsExactly(2048, 8, 8);
        assertThat(MapShape.parse("SMALL_CNN@32x32")).containsExactly(64, 4, 4);
    }

    @Test
    void explicitShapes() {
        assertThat(MapShape.parse("512x6x10")).containsExactly(512, 6, 10);
        assertThat(MapShape.format(new long[] {2048, 8, 8})).isEqualTo("2048x8x8");
        assertThatThrownBy(() -> MapShape.parse("512x6")).isInstanceOf(IllegalArgumentException.class);
    }
}
