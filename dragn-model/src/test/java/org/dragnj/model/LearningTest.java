package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.dragnj.bags.Bag;
import org.dragnj.bags.BagBatch;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A post-aggregation DRAGN model with the small trunk learns the synthetic bag task in seconds. */
class LearningTest {

    @Test
    void heldOutLossFallsClearlyWithinAFewSecondsOfTraining() {
        SyntheticBagGenerator data = new SyntheticBagGenerator(SyntheticBagSpec.builder().optClasses(3)
                .optImageSize(32, 32).optBagLengths(1, 4).optMotifScale(0.4).optSeed(11).build());
        DragnModel model = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN)
                .setLabels(data.classNames()).setInputSize(32, 32).optAggregation(Aggregation.DRAGN_L1)
                .optOptimizer(OptimizerSpec.adam(3e-3)).optSeed(5).build());
        BagBatch heldOut = BagBatch.pack(data.bags(10_000, 48), DataType.FLOAT);
        double before = model.loss(heldOut);

        int batch = 8;
        for (int step = 0; step < 80; step++) {
            List<Bag> bags = data.bags(step * batch, batch);
            model.fit(BagBatch.pack(bags, DataType.FLOAT));
        }
        double after = model.loss(heldOut);
        assertThat(after).isLessThan(0.6 * before);
    }
}
