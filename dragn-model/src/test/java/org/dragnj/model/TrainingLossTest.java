package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The loss {@link DragnModel#fit} reports is the data loss: weight decay changes the step, not the number. */
class TrainingLossTest {

    private static DragnModel model(OptimizerSpec optimizer) {
        return DragnModel.create(ModelSpec.builder().setTrunk(org.dragnj.model.trunk.Trunk.SMALL_CNN)
                .setLabels(Specs.labels(3)).setInputSize(6, 6).optAggregation(Aggregation.DRAGN_L1)
                .optOptimizer(optimizer).optDataType(DataType.DOUBLE).optSeed(7).build(), new TinyTrunk(4));
    }

    @Test
    void weightDecayIsLeftOutOfTheReportedLossButNotOutOfTheStep() {
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 1, 3, 6, 6, 3, 4, 4, 4);
        DragnModel plain = model(OptimizerSpec.sgd(0.05));
        DragnModel decayed = model(OptimizerSpec.sgd(0.05).withWeightDecay(0.5));
        assertThat(decayed.graph().params().equalsWithEps(plain.graph().params(), 0)).isTrue();
        double penalty = decayed.graph().calcRegularizationScore(true);
        assertThat(penalty).isGreaterThan(1e-3);

        double loss = plain.fit(batch);
        double decayedLoss = decayed.fit(batch);

        assertThat(decayedLoss).isCloseTo(loss, within(1e-10));
        assertThat(decayed.graph().score()).as("DL4J's score carries the penalty").isCloseTo(loss + penalty,
                within(1e-10));
        assertThat(decayed.graph().params().equalsWithEps(plain.graph().params(), 1e-6)).as("decay moved the step")
                .isFalse();
    }

    @Test
    void bagLossIsTheClippedSummedCrossEntropyAndLeavesItsInputAlone() {
        INDArray p = Nd4j.create(new double[][] {{0.9, 0.2}, {1.0, 0.0}});
        INDArray y = Nd4j.create(new double[][] {{1, 0}, {1, 0}});
        double expected = -(Math.log(0.9) + Math.log(0.8) + 2 * Math.log(1 - 1e-7));
        assertThat(DragnModel.bagLoss(p, y)).isCloseTo(expected, within(1e-12));
        assertThat(p.getDouble(1, 0)).as("a DOUBLE input is not clipped in place").isEqualTo(1.0);
        assertThat(p.getDouble(1, 1)).isEqualTo(0.0);
    }
}
