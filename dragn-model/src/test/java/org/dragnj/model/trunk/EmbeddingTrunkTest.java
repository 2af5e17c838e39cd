package org.dragnj.model.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.GradientChecks;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The embedding trunk: the reference's LeNet geometry and parameter count, and every aggregation
 * on its [E, 1, 1] instance embeddings (DRAGN included) passing double-precision gradient checks.
 */
@ExtendWith(DoublePrecision.class)
class EmbeddingTrunkTest {

    @Test
    void lenetOnDigitsGivesA500WideEmbeddingWithTheReferencesParameterCount() {
        DragnModel model = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.LENET).setLabels(Specs.labels(1))
                .setInputSize(28, 28).optInputChannels(1).optAggregation(Aggregation.ATTENTION).build());
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 3, 1, 28, 28, 1, 4, 2);
        Map<String, INDArray> acts = model.graph().feedForward(new INDArray[] {batch.instances(), batch.bagMask()},
                false);
        assertThat(acts.get("emb_fc").shape()).containsExactly(6, 500, 1, 1);
        long trunk = 0;
        for (GraphVertex v : model.graph().getVertices()) {
            if (v.getVertexName().startsWith("emb")) {
                trunk += v.numParams();
            }
        }
        // torch: conv1 20·1·5·5 + 20, conv2 50·20·5·5 + 50, fc 500·800 + 500
        assertThat(trunk).isEqualTo(520 + 25_050 + 400_500);
        assertThat(model.predict(batch).shape()).containsExactly(2, 1);
    }

    @Test
    void refusesImagesTooSmallForItsTwoStages() {
        assertThatThrownBy(() -> DragnModel.create(ModelSpec.builder().setTrunk(Trunk.LENET)
                .setLabels(Specs.labels(1)).setInputSize(15, 28).optInputChannels(1).build()))
                .hasMessageContaining("at least 16 pixels");
    }

    static Stream<Arguments> everyAggregation() {
        return Stream.of(Aggregation.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAggregation")
    void everyAggregationOnEmbeddingsPassesGradientChecks(Aggregation aggregation) {
        ModelSpec spec = Specs.gradientCheck(aggregation, false, AggregationMode.POST, 14, 2).toBuilder()
                .optInputChannels(1).build();
        // 14 → conv 3 → 12 → pool → 6 → conv 3 → 4 → pool → 2 → fc (2×2) → [4, 1, 1]
        DragnModel model = DragnModel.create(spec, new EmbeddingCnnTrunk(2, 3, 4, 3));
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 31, 1, 14, 14, 2, 4, 1, 3);
        INDArray[] inputs = aggregation.hasVertex() ? new INDArray[] {batch.instances(), batch.bagMask()}
                : new INDArray[] {batch.instances()};
        assertThat(model.graph().feedForward(inputs, false).get("emb_fc").shape()).containsExactly(8, 4, 1, 1);
        assertThat(GradientChecks.pass(model, batch)).isTrue();
    }
}
