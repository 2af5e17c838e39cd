package org.dragnj.experiment.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.datasets.random.Seeds;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test-time order averaging is the mean over explicitly shuffled bags, and only for DRAGN. */
class OrderAveragingTest {

    private static final SyntheticBagGenerator BAGS = new SyntheticBagGenerator(SyntheticBagSpec.builder()
            .optClasses(2).optImageSize(16, 16).optBagLengths(3, 6).optSeed(4).build());

    private static DragnModel model(Aggregation aggregation) {
        return DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(List.of("x", "y"))
                .setInputSize(16, 16).optAggregation(aggregation).optSeed(5).build());
    }

    @Test
    void dragnScoresAreTheMeanOverTheShuffledBags() {
        DragnModel m = model(Aggregation.DRAGN_L1);
        BagBatch batch = BagBatch.pack(BAGS.bags(0, 4), DataType.FLOAT);
        INDArray averaged = new OrderAveraging(5, 9).predict(m, batch, 2);

        SplittableRandom rnd = new SplittableRandom(Seeds.of(9, 2));
        INDArray expected = m.predict(batch.withShuffledInstances(rnd)).dup();
        for (int k = 1; k < 5; k++) {
            expected.addi(m.predict(batch.withShuffledInstances(rnd)));
        }
        expected.divi(5);
        assertThat(averaged.equalsWithEps(expected, 1e-6)).isTrue();
        assertThat(averaged.equalsWithEps(m.predict(batch), 1e-6)).as("the bags' own order scores differently")
                .isFalse();
    }

    @Test
    void orderInvariantAggregationsAndOneOrderScoreTheBagAsItComes() {
        BagBatch batch = BagBatch.pack(BAGS.bags(0, 4), DataType.FLOAT);
        DragnModel mean = model(Aggregation.MEAN);
        assertThat(new OrderAveraging(5, 9).appliesTo(mean)).isFalse();
        assertThat(new OrderAveraging(5, 9).predict(mean, batch, 0)).isEqualTo(mean.predict(batch));
        DragnModel dragn = model(Aggregation.DRAGN_L1);
        assertThat(OrderAveraging.NONE.predict(dragn, batch, 0)).isEqualTo(dragn.predict(batch));
    }
}
