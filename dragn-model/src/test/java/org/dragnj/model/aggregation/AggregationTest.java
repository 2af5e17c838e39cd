package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;

import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.junit.jupiter.api.Test;

/** What each aggregation is, read from the one place that says it. */
class AggregationTest {

    @Test
    void namesAreThePapersAndDistinct() {
        assertThat(Arrays.stream(Aggregation.values()).map(Aggregation::displayName)).containsExactly("DRAGN-L1",
                "DRAGN-L2", "DRAGN-L3", "MI_mean", "MVCNN", "NAN", "NAN (2 blocks)", "SPoC", "Attention",
                "Gated attn.", "SI")
                .doesNotHaveDuplicates();
    }

    @Test
    void theUnitDepthIsDragnsAndMatchesItsName() {
        assertThat(Aggregation.DRAGN_L1.unitDepth()).contains(UnitDepth.L1);
        assertThat(Aggregation.DRAGN_L2.unitDepth()).contains(UnitDepth.L2);
        assertThat(Aggregation.DRAGN_L3.unitDepth()).contains(UnitDepth.L3);
        assertThat(Arrays.stream(Aggregation.values()).filter(a -> a.unitDepth().isPresent()))
                .allMatch(a -> a.name().startsWith("DRAGN_")).hasSize(3);
        assertThat(Aggregation.SINGLE_INSTANCE.unitDepth()).isEqualTo(Optional.empty());
    }

    @Test
    void onlyMapOutputsAggregateBeforeTheTrunk() {
        assertThat(Arrays.stream(Aggregation.values()).filter(Aggregation::supportsPreAggregation)).containsExactly(
                Aggregation.DRAGN_L1, Aggregation.DRAGN_L2, Aggregation.DRAGN_L3, Aggregation.MEAN, Aggregation.MAX);
    }

    @Test
    void singleInstanceFormsTheBagAfterTheHeadAndHasNoVertex() {
        assertThat(Arrays.stream(Aggregation.values()).filter(a -> !a.hasVertex()))
                .containsExactly(Aggregation.SINGLE_INSTANCE);
        assertThat(Aggregation.SINGLE_INSTANCE.output()).isEqualTo(Aggregation.Output.INSTANCE_SCORES);
        assertThat(Aggregation.SINGLE_INSTANCE.isOrderDependent()).isFalse();
        assertThat(Aggregation.SINGLE_INSTANCE.hasInstanceWeights()).isFalse();
        assertThatThrownBy(() -> Aggregation.SINGLE_INSTANCE.createVertex(
                Aggregation.VertexSettings.detached())).hasMessageContaining("no aggregation vertex");
    }
}
