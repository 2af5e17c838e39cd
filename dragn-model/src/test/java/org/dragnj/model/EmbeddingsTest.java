package org.dragnj.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class EmbeddingsTest {

    private static ModelSpec spec(Aggregation aggregation, AggregationMode mode) {
        return ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(3)).setInputSize(16, 16)
                .optAggregation(aggregation).optMode(mode).optDataType(DataType.DOUBLE).optSeed(9).build();
    }

    private static final BagBatch BATCH = RandomBags.batch(DataType.DOUBLE, 7, 3, 16, 16, 3, 3, 1, 5);

    /** Averaging maps then pooling them equals averaging the pooled maps: the bag row is the mean of its instance rows. */
    @Test
    void meanAggregationBagFeaturesAreTheMeanOfTheInstanceFeatures() {
        DragnModel model = DragnModel.create(spec(Aggregation.MEAN, AggregationMode.POST));
        DragnModel.Embeddings e = model.embeddings(BATCH);
        INDArray instances = e.instances().orElseThrow();
        assertThat(instances.rows()).isEqualTo(9);
        assertThat(e.bags().shape()).containsExactly(3, instances.columns());
        int[] offsets = BATCH.layout().offsets();
        for (int b = 0; b < 3; b++) {
            INDArray mean = instances.get(NDArrayIndex.interval(offsets[b], offsets[b] + BATCH.layout().length(b)),
                    NDArrayIndex.all()).mean(0);
            assertThat(e.bags().getRow(b).equalsWithEps(mean, 1e-12)).as("bag %d", b).isTrue();
        }
    }

    @Test
    void theBagFeaturesAreWhatTheHeadReads() {
        DragnModel model = DragnModel.create(spec(Aggregation.DRAGN_L1, AggregationMode.POST));
        INDArray bags = model.embeddings(BATCH).bags();
        org.deeplearning4j.nn.api.Layer head = model.graph().getLayer(ModelGraphFactory.HEAD);
        INDArray w = head.getParam("W");
        INDArray bias = head.getParam("b");
        INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(bags.mmul(w).addiRowVector(bias));
        assertThat(model.predict(BATCH).equalsWithEps(expected, 1e-12)).isTrue();
    }

    @Test
    void preAggregationHasNoInstanceFeaturesAndSingleInstanceAveragesItsInstances() {
        assertThat(DragnModel.create(spec(Aggregation.DRAGN_L1, AggregationMode.PRE)).embeddings(BATCH).instances())
                .isEmpty();
        DragnModel.Embeddings si = DragnModel.create(spec(Aggregation.SINGLE_INSTANCE, AggregationMode.POST))
                .embeddings(BATCH);
        INDArray last = si.instances().orElseThrow().get(NDArrayIndex.interval(4, 9), NDArrayIndex.all()).mean(0);
        assertThat(si.bags().getRow(2).equalsWithEps(last, 1e-12)).isTrue();
    }
}
