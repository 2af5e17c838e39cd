package org.dragnj.experiment.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.dragnj.bags.Bag;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InstanceImportanceTest {

    private static ModelSpec spec(Aggregation aggregation, AggregationMode mode, int labels) {
        return ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(
                        java.util.stream.IntStream.range(0, labels).mapToObj(k -> "label" + k).toList())
                .setInputSize(16, 16).optAggregation(aggregation).optMode(mode)
                .optOptimizer(OptimizerSpec.adam(3e-3)).optSeed(3).build();
    }

    private static List<Bag> randomBags(long seed, int... lengths) {
        Nd4j.getRandom().setSeed(seed);
        List<Bag> bags = new ArrayList<>();
        for (int b = 0; b < lengths.length; b++) {
            bags.add(new Bag("bag-" + b, Nd4j.rand(DataType.FLOAT, lengths[b], 3, 16, 16), null));
        }
        return bags;
    }

    private static Bag without(Bag bag, int i) {
        List<INDArray> kept = new ArrayList<>();
        for (int j = 0; j < bag.length(); j++) {
            if (j != i) {
                kept.add(bag.instances().get(NDArrayIndex.interval(j, j + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                        NDArrayIndex.all()));
            }
        }
        return new Bag(bag.id() + "-" + i, Nd4j.concat(0, kept.toArray(INDArray[]::new)), null);
    }

    private static double[] predictAlone(DragnModel model, Bag bag) {
        return model.predict(BagBatch.pack(List.of(bag), DataType.FLOAT)).getRow(0).castTo(DataType.DOUBLE)
                .toDoubleVector();
    }

    /**
     * The batched leave-one-out scores are the model's own predictions of each bag without instance
     * i, one bag at a time, in the bag's order without i; whether all variants share one batch or each
     * has its own (a budget of one element).
     */
    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"DRAGN_L1", "GATED_ATTENTION", "SINGLE_INSTANCE"})
    void leaveOneOutEqualsRerunningTheBagWithoutEachInstance(Aggregation aggregation) {
        DragnModel model = DragnModel.create(spec(aggregation, AggregationMode.POST, 3));
        List<Bag> bags = randomBags(9, 5, 1, 3);
        BagBatch batch = BagBatch.pack(bags, DataType.FLOAT);
        for (long budget : new long[] {InstanceImportance.ELEMENT_BUDGET, 1}) {
            List<BagImportance> measured = InstanceImportance.of(model, budget).measure(batch);
            assertThat(measured).hasSize(3);
            for (int b = 0; b < bags.size(); b++) {
                BagImportance m = measured.get(b);
                assertThat(m.bagId()).isEqualTo(bags.get(b).id());
                assertThat(m.scores()).containsExactly(predictAlone(model, bags.get(b)), Offset.offset(1e-5));
                for (int i = 0; i < bags.get(b).length(); i++) {
                    if (bags.get(b).length() == 1) {
                        assertThat(m.leaveOneOut()[i]).containsOnly(Double.NaN);
                        continue;
                    }
                    assertThat(m.leaveOneOut()[i]).as("bag %d without %d", b, i)
                            .containsExactly(predictAlone(model, without(bags.get(b), i)), Offset.offset(1e-5));
                }
                assertThat(m.attention() != null).isEqualTo(aggregation.hasInstanceWeights());
                assertThat(m.gradient()[0][0]).isFinite();
            }
        }
    }

    /** PRE aggregation: the variants re-run the whole model; no per-instance features, so no gradient. */
    @Test
    void preAggregationHasLeaveOneOutButNoGradient() {
        DragnModel model = DragnModel.create(spec(Aggregation.DRAGN_L1, AggregationMode.PRE, 2));
        Bag bag = randomBags(4, 4).get(0);
        BagImportance m = InstanceImportance.of(model).measure(BagBatch.pack(List.of(bag), DataType.FLOAT)).get(0);
        for (int i = 0; i < 4; i++) {
            assertThat(m.leaveOneOut()[i]).containsExactly(predictAlone(model, without(bag, i)), Offset.offset(1e-5));
            assertThat(m.gradient()[i]).containsOnly(Double.NaN);
        }
        assertThat(InstanceImportance.of(model).hasGradients()).isFalse();
    }
}
