package org.dragnj.model.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.GradientChecks;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The ImageNet input normalisation a pretrained trunk needs, inside the model's graph. */
@ExtendWith(DoublePrecision.class)
class InputNormalizationTest {

    private static ComputationGraph trunkOnly(ModelSpec spec) {
        ComputationGraph g = new ComputationGraph(ModelGraphFactory.configureTrunk(spec, (graph, in, ctx) -> in));
        g.init();
        return g;
    }

    @Test
    void eachChannelIsShiftedByItsMeanAndDividedByItsStd() {
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2)).setInputSize(2, 2)
                .optInputNormalization(InputNormalization.IMAGENET).optDataType(DataType.DOUBLE).build();
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 3, 2, 2}, 0.5, DataType.DOUBLE);

        INDArray y = trunkOnly(spec).feedForward(x, false).get(ModelGraphFactory.INPUT_NORMALIZATION);

        // (0.5 - 0.485) / 0.229, (0.5 - 0.456) / 0.224, (0.5 - 0.406) / 0.225
        double[] expected = {0.06550218340611, 0.19642857142857, 0.41777777777778};
        for (int c = 0; c < 3; c++) {
            for (double v : y.get(NDArrayIndex.point(0), NDArrayIndex.point(c)).reshape(-1).toDoubleVector()) {
                assertThat(v).isCloseTo(expected[c], org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void backpropThroughItMatchesFiniteDifferences() {
        // PRE: the DRAGN unit aggregates images before the normalisation, so its gradients flow through it
        ModelSpec spec = Specs.gradientCheck(Aggregation.DRAGN_L2, false, AggregationMode.PRE, 8, 2).toBuilder()
                .optInputNormalization(InputNormalization.IMAGENET).build();
        DragnModel model = DragnModel.create(spec, new TinyTrunk(2));
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 3, 3, 8, 8, 2, 3, 2);

        assertThat(model.graph().getVertex(ModelGraphFactory.INPUT_NORMALIZATION)).isNotNull();
        assertThat(GradientChecks.pass(model, batch)).isTrue();
    }

    @Test
    void theStatisticsAreSavedWithTheModel(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2)).setInputSize(16, 16)
                .optInputNormalization(InputNormalization.IMAGENET).build();
        DragnModel model = DragnModel.create(spec);
        model.save(dir.resolve("m.zip"));

        DragnModel loaded = DragnModel.load(dir.resolve("m.zip"));

        Map<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertices = loaded.graph().getConfiguration()
                .getVertices();
        assertThat(vertices.get(ModelGraphFactory.INPUT_NORMALIZATION))
                .isEqualTo(InputNormalization.IMAGENET.vertex());
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 4, 3, 16, 16, 2, 2);
        assertThat(loaded.predict(batch)).isEqualTo(model.predict(batch));
    }

    @Test
    void imagenetStatisticsNeedThreeChannels() {
        assertThatThrownBy(() -> ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2))
                .setInputSize(16, 16).optInputChannels(4).optInputNormalization(InputNormalization.IMAGENET).build())
                .hasMessageContaining("IMAGENET input normalisation is for 3-channel images, the model reads 4");
    }
}
