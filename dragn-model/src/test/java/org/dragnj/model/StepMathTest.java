package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The numbers of training steps, pinned: the losses that {@link BagClassifier#fit} reports and the
 * parameters after them, recorded before the per-step overhead was cut (issue 18, item 5: input
 * gradients written straight into DL4J's workspace, batches and bag masks assembled with fewer
 * copies). Adam with weight decay, bags of equal and of mixed lengths (the vertex's one-group and
 * grouped paths).
 */
class StepMathTest {

    private static DragnModel model(Aggregation aggregation) {
        return DragnModel.create(ModelSpec.builder().setTrunk(org.dragnj.model.trunk.Trunk.SMALL_CNN)
                .setLabels(Specs.labels(3)).setInputSize(6, 6).optAggregation(aggregation)
                .optOptimizer(OptimizerSpec.adam(0.01).withWeightDecay(0.05)).optDataType(DataType.DOUBLE).optSeed(11)
                .build(), new TinyTrunk(4));
    }

    @ParameterizedTest
    @CsvSource({
        "DRAGN_L1, 2.08802834775911, 2.09403077301896, 2.09427229842194, 8.17071065848266",
        "MEAN, 2.07765197974212, 2.10181139082571, 2.11537398831261, 7.62062838007642",
        "MAX, 2.96994972926565, 2.46570643393813, 2.40022522893031, 7.41046340588584",
        "GATED_ATTENTION, 2.03686925690801, 2.13050581175802, 2.20797888600174, 1.30190711467758",
    })
    void stepsGiveTheRecordedLossesAndParameters(Aggregation aggregation, double first, double second, double third,
            double paramSum) {
        DragnModel model = model(aggregation);
        List<BagBatch> batches = List.of(RandomBags.batch(DataType.DOUBLE, 1, 3, 6, 6, 3, 4, 4, 4),
                RandomBags.batch(DataType.DOUBLE, 2, 3, 6, 6, 3, 2, 5, 3, 5),
                RandomBags.batch(DataType.DOUBLE, 3, 3, 6, 6, 3, 3, 3));
        double[] losses = batches.stream().mapToDouble(model::fit).toArray();
        double sum = model.graph().params().sumNumber().doubleValue();
        assertThat(losses).containsExactly(new double[] {first, second, third}, within(1e-12));
        assertThat(sum).isCloseTo(paramSum, within(1e-12));
    }
}
