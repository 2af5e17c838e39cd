package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.Stream;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Model-level behaviour of the baselines: attention weights, single-instance scoring, invalid combinations. */
class BaselineModelTest {

    private static DragnModel model(Aggregation aggregation) {
        return DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(3))
                .setInputSize(16, 16).optAggregation(aggregation).optOptimizer(OptimizerSpec.adam(1e-2)).build());
    }

    private static final BagBatch BATCH = RandomBags.batch(DataType.FLOAT, 4, 3, 16, 16, 3, 4, 1, 6, 2);

    /** The aggregations whose vertex declares instance weights: each must deliver them. */
    static Stream<Aggregation> withInstanceWeights() {
        return Arrays.stream(Aggregation.values()).filter(Aggregation::hasInstanceWeights);
    }

    @ParameterizedTest
    @MethodSource("withInstanceWeights")
    void attentionWeightsArePerInstanceAndSumToOnePerBag(Aggregation aggregation) {
        DragnModel model = model(aggregation);
        model.fit(BATCH); // move the attention away from its initial state
        INDArray a = model.attention(BATCH).orElseThrow();
        BagLayout layout = BATCH.layout();
        assertThat(a.length()).isEqualTo(layout.totalInstances());
        for (int b = 0; b < layout.bags(); b++) {
            INDArray bag = a.get(NDArrayIndex.interval(layout.offset(b), layout.offset(b) + layout.length(b)));
            assertThat(bag.sumNumber().doubleValue()).as("bag %d", b).isCloseTo(1.0, within(1e-5));
            assertThat(bag.minNumber().doubleValue()).isPositive();
        }
        assertThat(a.getDouble(layout.offset(1))).as("a bag of one").isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aggregationsWithoutLearnedAttentionHaveNone() {
        assertThat(withInstanceWeights()).containsExactly(Aggregation.NAN, Aggregation.NAN_CASCADE,
                Aggregation.ATTENTION, Aggregation.GATED_ATTENTION);
        assertThat(model(Aggregation.MEAN).attention(BATCH)).isEmpty();
        assertThat(model(Aggregation.DRAGN_L1).attention(BATCH)).isEmpty();
        assertThat(model(Aggregation.SINGLE_INSTANCE).attention(BATCH)).isEmpty();
    }

    @Test
    void singleInstanceBagScoreIsTheMaximumOfItsInstances() {
        DragnModel model = model(Aggregation.SINGLE_INSTANCE);
        model.fit(BATCH);
        INDArray instances = model.graph().output(false, BATCH.instances())[0];
        INDArray bags = model.predict(BATCH);
        BagLayout layout = BATCH.layout();
        for (int b = 0; b < layout.bags(); b++) {
            for (int k = 0; k < 3; k++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = layout.offset(b); i < layout.offset(b) + layout.length(b); i++) {
                    max = Math.max(max, instances.getDouble(i, k));
                }
                assertThat(bags.getDouble(b, k)).isEqualTo(max);
            }
        }
        assertThat(model.aggregationParameterCount()).isZero();
    }

    @Test
    void singleInstanceTrainsEveryInstanceOnItsBagsLabels() {
        DragnModel model = model(Aggregation.SINGLE_INSTANCE);
        var data = model.trainingData(BATCH);
        assertThat(data.getFeatures()).hasSize(1);
        INDArray y = data.getLabels(0);
        assertThat(y.rows()).isEqualTo(13);
        assertThat(y.getRow(4)).isEqualTo(BATCH.labels().getRow(1));
        assertThat(y.getRow(12)).isEqualTo(BATCH.labels().getRow(3));
    }

    @Test
    void vectorAggregationsCannotRunBeforeTheTrunk() {
        assertThatThrownBy(() -> ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2))
                .setInputSize(16, 16).optAggregation(Aggregation.NAN).optMode(AggregationMode.PRE).build())
                .hasMessageContaining("NAN").hasMessageContaining("PRE");
    }

    @Test
    void parameterCountsOnResNet18Features() {
        // C = 512 feature channels: NAN q0 (512); cascade + W1 (512²) + b1 (512);
        // attention V (128 x 512), bV, w (128 each); gated attention adds U (128 x 512) and bU.
        long[] expected = {512, 512 + 512 * 512 + 512, 128 * 512 + 2 * 128, 2 * 128 * 512 + 3 * 128};
        Aggregation[] aggs = {Aggregation.NAN, Aggregation.NAN_CASCADE, Aggregation.ATTENTION,
                Aggregation.GATED_ATTENTION};
        for (int i = 0; i < aggs.length; i++) {
            var v = aggs[i].createVertex(Aggregation.VertexSettings.detached());
            v.getOutputType(-1, org.deeplearning4j.nn.conf.inputs.InputType.convolutional(6, 10, 512),
                    org.deeplearning4j.nn.conf.inputs.InputType.feedForward(1));
            assertThat(v.numParams(true)).as(aggs[i].name()).isEqualTo(expected[i]);
        }
    }
}
