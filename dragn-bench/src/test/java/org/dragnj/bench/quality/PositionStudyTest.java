package org.dragnj.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;

class PositionStudyTest {

    /**
     * A window-mean unit (centre taps 1/3) makes a round a moving average of three: over the rounds of a
     * bag of 10 the weights are trinomial. Hand-derived: the 4 rounds give the coefficients of (1+x+x²)^4
     * (1 4 10 16 19 16 10 4 1) shifted by one for the two last maps, whose mean weighs position p by
     * c(p) + c(p−1); relative to the centre's 19 + 16 = 35: 1/35, 5/35, 14/35, 26/35, 35/35, ….
     */
    @Test
    void aWindowMeanUnitWeighsABagOfTenByTrinomialCoefficients() {
        DragnModel model = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.LENET).setLabels(List.of("nine"))
                .setInputSize(28, 28).optInputChannels(1).optAggregation(Aggregation.DRAGN_L1).build());

        double[] w = PositionStudy.effectiveWeights(model, 10);

        double[] expected = {1, 5, 14, 26, 35, 35, 26, 14, 5, 1};
        for (int p = 0; p < 10; p++) {
            assertThat(w[p]).as("position " + p).isCloseTo(expected[p] / 35, within(1e-6));
        }
    }
}
