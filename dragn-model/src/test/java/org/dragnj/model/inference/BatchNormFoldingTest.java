package org.dragnj.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inference copy scores like the trained model — in double precision to rounding, in float to 1e-4
 * (the bound) — after training has moved BatchNorm's running statistics and scale away from
 * their initial values, and no BatchNorm layer is left behind a convolution.
 */
class BatchNormFoldingTest {

    @TempDir
    Path dir;

    private static ModelSpec spec(Trunk trunk, int size, DataType type, Aggregation aggregation) {
        return ModelSpec.builder().setTrunk(trunk).setLabels(Specs.labels(3)).setInputSize(size, size)
                .optAggregation(aggregation).optOptimizer(OptimizerSpec.adam(1e-2)).optDataType(type).optSeed(3)
                .build();
    }

    private static int batchNormLayers(ComputationGraph g) {
        return (int) Arrays.stream(g.getLayers()).filter(l -> l.conf().getLayer() instanceof BatchNormalization)
                .count();
    }

    private static DragnModel trained(ModelSpec spec, BagBatch batch) {
        DragnModel model = DragnModel.create(spec);
        for (int i = 0; i < 3; i++) {
            model.fit(batch); // running means, variances, γ and β all move
        }
        return model;
    }

    @Test
    void smallTrunkInDoublePrecisionScoresTheSameToRounding() {
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 4, 3, 16, 16, 3, 3, 1, 5);
        DragnModel model = trained(spec(Trunk.SMALL_CNN, 16, DataType.DOUBLE, Aggregation.DRAGN_L1), batch);
        int before = batchNormLayers(model.graph());
        assertThat(before).isPositive();
        BatchNormFolding.Folded folded = BatchNormFolding.fold(model.graph());
        assertThat(folded.batchNormIntoConvolution()).hasSize(before);
        assertThat(batchNormLayers(folded.graph())).isZero();
        INDArray expected = model.predict(batch);
        INDArray actual = model.forInference().predict(batch);
        assertThat(actual.equalsWithEps(expected, 1e-10)).as("%s vs %s", actual, expected).isTrue();
    }

    @Test
    void resnet18InFloatScoresTheSameTo1e4AndEveryBatchNormIsFolded() {
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 5, 3, 32, 32, 3, 2, 3);
        DragnModel model = trained(spec(Trunk.RESNET18, 32, DataType.FLOAT, Aggregation.MEAN), batch);
        DragnModel inference = model.forInference();
        assertThat(batchNormLayers(model.graph())).isEqualTo(20); // conv1, 16 block convs, 3 downsamples
        assertThat(batchNormLayers(inference.graph())).isZero();
        assertThat(inference.graph().numParams()).isLessThan(model.graph().numParams());
        INDArray expected = model.predict(batch);
        INDArray actual = inference.predict(batch);
        double worst = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(worst).as("largest score difference").isLessThan(1e-4);
    }

    @Test
    void theInferenceCopyNeitherTrainsNorSavesAndLeavesTheModelAlone() {
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 6, 3, 16, 16, 3, 2, 2);
        DragnModel model = trained(spec(Trunk.SMALL_CNN, 16, DataType.FLOAT, Aggregation.MAX), batch);
        INDArray params = model.graph().params().dup();
        DragnModel inference = model.forInference();
        assertThat(inference.forInference()).isSameAs(inference);
        assertThatThrownBy(() -> inference.fit(batch)).hasMessageContaining("cannot train an inference copy");
        assertThatThrownBy(() -> inference.save(dir.resolve("m.zip"))).hasMessageContaining("cannot save");
        assertThat(model.graph().params()).isEqualTo(params);
    }
}
