package org.dragnj.model.aggregation.dragn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.dragnj.model.aggregation.ParamSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.NoOp;

class UnitArchitectureTest {

    @Test
    void parameterCountsAreThoseOfThePaper() {
        // L1: conv 3→1: 3·9 + 1. L2: conv 3→3 (27·3 + 3) + conv 3→1 (28). L3: two 3→3 and one 3→1.
        assertThat(new UnitArchitecture(UnitDepth.L1, false).trainableParams()).isEqualTo(28);
        assertThat(new UnitArchitecture(UnitDepth.L2, false).trainableParams()).isEqualTo(84 + 28).isEqualTo(112);
        assertThat(new UnitArchitecture(UnitDepth.L3, false).trainableParams()).isEqualTo(84 + 84 + 28).isEqualTo(196);
    }

    @Test
    void batchNormAddsGammaBetaAndRunningStatisticsPerHiddenConv() {
        UnitArchitecture l2 = new UnitArchitecture(UnitDepth.L2, true);
        UnitArchitecture l3 = new UnitArchitecture(UnitDepth.L3, true);
        assertThat(l2.trainableParams()).isEqualTo(112 + 6);
        assertThat(l2.totalParams()).isEqualTo(112 + 12);
        assertThat(l3.trainableParams()).isEqualTo(196 + 12);
        assertThat(l3.totalParams()).isEqualTo(196 + 24);
        assertThat(l3.params()).filteredOn(p -> !p.trainable()).extracting(ParamSpec::name)
                .containsExactly("mean0", "var0", "mean1", "var1");
    }

    @Test
    void shapesTakeTheWindowAsInputChannels() {
        List<ParamSpec> p = new UnitArchitecture(UnitDepth.L2, false).params();
        assertThat(p).extracting(ParamSpec::name).containsExactly("W0", "b0", "W1", "b1");
        assertThat(p.get(0).shape()).containsExactly(3, 3, 3, 3);
        assertThat(p.get(2).shape()).containsExactly(1, 3, 3, 3);
    }

    @Test
    void vertexCountsEqualTheArchitecture() {
        DragnVertex v = new DragnVertex(new UnitArchitecture(UnitDepth.L3, true), UnitInit.UNIFORM, new NoOp(), List.of());
        assertThat(v.numParams(true)).isEqualTo(220);
        assertThat(v.numTrainableParams()).isEqualTo(208);
    }

    @Test
    void l1HasNoBatchNormToSwitchOn() {
        assertThatThrownBy(() -> new UnitArchitecture(UnitDepth.L1, true))
                .hasMessageContaining("L1Agg has no hidden convolution");
    }
}
