package org.dragnj.bags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BagBatchTest {

    private static Bag bag(String id, int n, float value, float... labels) {
        return new Bag(id, Nd4j.valueArrayOf(new long[] {n, 1, 2, 2}, value, DataType.FLOAT),
                Nd4j.createFromArray(labels));
    }

    @Test
    void packsInstancesInBagOrderWithMaskAndLabels() {
        BagBatch b = BagBatch.pack(List.of(bag("a", 2, 1f, 1, 0), bag("b", 1, 2f, 0, 1), bag("c", 3, 3f, 1, 1)),
                DataType.FLOAT);
        assertThat(b.bagIds()).containsExactly("a", "b", "c");
        assertThat(b.instances().shape()).containsExactly(6, 1, 2, 2);
        assertThat(b.instances().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toFloatVector())
                .containsExactly(1f, 1f, 2f, 3f, 3f, 3f);
        assertThat(b.layout().lengths()).containsExactly(2, 1, 3);
        assertThat(b.labels().toFloatMatrix()).isEqualTo(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        INDArray[] features = b.toMultiDataSet().getFeatures();
        assertThat(features).hasSize(2);
        assertThat(features[1]).isEqualTo(b.bagMask());
    }

    @Test
    void bagsOfDifferentImageSizeCannotShareABatch() {
        Bag small = bag("small", 1, 0f, 1);
        Bag big = new Bag("big", Nd4j.zeros(DataType.FLOAT, 1, 1, 3, 3), Nd4j.createFromArray(1f));
        assertThatThrownBy(() -> BagBatch.pack(List.of(small, big), DataType.FLOAT))
                .hasMessageContaining("bag big").hasMessageContaining("[1, 3, 3]").hasMessageContaining("resize");
    }

    @Test
    void shufflingInstancesPermutesWithinEachBagOnly() {
        // instance j of bag b holds the value 10·b + j in all its pixels
        List<Bag> bags = new java.util.ArrayList<>();
        int[] lengths = {4, 1, 3};
        for (int b = 0; b < lengths.length; b++) {
            INDArray x = Nd4j.create(DataType.FLOAT, lengths[b], 1, 2, 2);
            for (int j = 0; j < lengths[b]; j++) {
                x.slice(j).assign(10 * b + j);
            }
            bags.add(new Bag("b" + b, x, Nd4j.createFromArray(1f)));
        }
        BagBatch batch = BagBatch.pack(bags, DataType.FLOAT);
        java.util.Set<String> orders = new java.util.HashSet<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            BagBatch s = batch.withShuffledInstances(rnd);
            assertThat(s.bagMask()).isEqualTo(batch.bagMask());
            assertThat(s.labels()).isEqualTo(batch.labels());
            float[] first = s.instances().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toFloatVector();
            assertThat(java.util.Arrays.copyOfRange(first, 0, 4)).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(first[4]).isEqualTo(10);
            assertThat(java.util.Arrays.copyOfRange(first, 5, 8)).containsExactlyInAnyOrder(20, 21, 22);
            orders.add(java.util.Arrays.toString(first));
        }
        assertThat(orders.size()).as("different orders").isGreaterThan(5);
    }
}
