package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every aggregation trains end to end on the small trunk, on bags whose labels need evidence
 * from several instances (split motifs), and its held-out loss falls within a few steps. How
 * well each one finally does is a benchmark's question (dragn-bench), not a unit test's.
 */
class EndToEndTrainingTest {

    private static final SyntheticBagGenerator DATA = new SyntheticBagGenerator(SyntheticBagSpec.builder()
            .optClasses(3).optImageSize(32, 32).optBagLengths(2, 4).optMotifScale(0.4)
            .optEvidence(SyntheticBagSpec.Evidence.SPLIT).optSeed(5).build());
    private static final BagBatch HELD_OUT = BagBatch.pack(DATA.bags(100_000, 32), DataType.FLOAT);

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void trainsAndItsHeldOutLossFalls(Aggregation aggregation) {
        DragnModel model = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN)
                .setLabels(DATA.classNames()).setInputSize(32, 32).optAggregation(aggregation)
                .optOptimizer(OptimizerSpec.adam(3e-3)).optSeed(3).build());
        double before = model.loss(HELD_OUT);
        for (int step = 0; step < 20; step++) {
            double loss = model.fit(BagBatch.pack(DATA.bags(step * 8, 8), DataType.FLOAT));
            assertThat(loss).as("step %d", step).isFinite();
        }
        double after = model.loss(HELD_OUT);
        assertThat(after).as("held-out loss of %s: %.4f -> %.4f", aggregation, before, after).isLessThan(before);
    }
}
