package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model, one parameter vector, one optimizer state for every bag length: a step taken on bags
 * of length 5 must change the predictions for bags of length 3 exactly as the shared parameters
 * dictate.
 */
class SharedWeightsTest {

    private static final double LR = 0.05;

    private static ModelSpec spec(OptimizerSpec optimizer) {
        return ModelSpec.builder().setTrunk(org.dragnj.model.trunk.Trunk.SMALL_CNN).setLabels(Specs.labels(3))
                .setInputSize(6, 6).optAggregation(Aggregation.DRAGN_L2).optOptimizer(optimizer)
                .optDataType(DataType.DOUBLE).optSeed(7).build();
    }

    @Test
    void aStepOnLengthFiveBagsMovesLengthThreePredictionsByTheSharedGradient() {
        BagBatch five = RandomBags.batch(DataType.DOUBLE, 1, 3, 6, 6, 3, 5, 5, 5);
        BagBatch three = RandomBags.batch(DataType.DOUBLE, 2, 3, 6, 6, 3, 3, 3);

        DragnModel model = DragnModel.create(spec(OptimizerSpec.sgd(LR)), new TinyTrunk(4));
        INDArray before = model.predict(three);
        INDArray params0 = model.graph().params().dup();
        INDArray unitBefore = unitParams(model).dup();

        // The expected step, computed independently: plain SGD on the mean gradient of the length-5 batch.
        ComputationGraph probe = DragnModel.create(spec(OptimizerSpec.sgd(LR)), new TinyTrunk(4)).graph();
        probe.setParams(params0);
        probe.setInputs(five.instances(), five.bagMask());
        probe.setLabels(five.labels());
        probe.computeGradientAndScore();
        INDArray meanGradient = probe.gradient().gradient().dup().divi(five.size());
        INDArray expectedParams = params0.sub(meanGradient.mul(LR));

        model.fit(five);

        INDArray after = model.predict(three);
        assertThat(after.equalsWithEps(before, 1e-6)).as("length-3 predictions moved").isFalse();
        assertThat(model.graph().params().equalsWithEps(expectedParams, 1e-12)).isTrue();

        // The aggregation unit itself was trained by the length-5 step...
        assertThat(unitParams(model).equalsWithEps(unitBefore, 1e-9)).isFalse();

        // ...and the length-3 predictions are those of a model holding exactly that one parameter vector.
        DragnModel twin = DragnModel.create(spec(OptimizerSpec.sgd(LR)), new TinyTrunk(4));
        twin.graph().setParams(expectedParams);
        assertThat(twin.predict(three).equalsWithEps(after, 1e-12)).isTrue();
    }

    @Test
    void oneOptimizerStateCoversEveryParameterWhateverTheBagLength() {
        DragnModel model = DragnModel.create(spec(OptimizerSpec.adam(1e-3)), new TinyTrunk(4));
        model.fit(RandomBags.batch(DataType.DOUBLE, 3, 3, 6, 6, 3, 5, 5));
        INDArray state = model.graph().getUpdater().getStateViewArray().dup();
        model.fit(RandomBags.batch(DataType.DOUBLE, 4, 3, 6, 6, 3, 2, 3, 1));
        // Adam keeps two moments per parameter: one state vector for the whole graph, vertex included.
        assertThat(state.length()).isEqualTo(2 * model.parameterCount());
        assertThat(model.graph().getUpdater().getStateViewArray().equalsWithEps(state, 1e-12)).isFalse();
    }

    private static INDArray unitParams(DragnModel model) {
        return model.graph().getVertex(ModelGraphFactory.AGGREGATE).params();
    }
}
