package org.dragnj.spark.training;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A bag batch as one "example" of DL4J's Spark workers. The workers re-batch what they receive to
 * {@code batchSizePerWorker} examples, counted along the first axis of the first input; a bag
 * batch's first input is its packed instances [sum of bag lengths, ...], so the count would be
 * instances and a split would cut bags apart (and leave the mask and labels, which count bags,
 * out of step). A batch therefore travels with a leading axis of 1 on that input and the workers
 * take one example per step: they pass it on whole, and {@link WorkerHook} removes the axis just
 * before the step.
 */
final class WholeBatches {

    private WholeBatches() {
    }

    /** The batch with its first input seen as [1, ...]; the other arrays as they are. */
    static MultiDataSet wrap(MultiDataSet batch) {
        INDArray[] features = batch.getFeatures().clone();
        long[] shape = features[0].shape();
        long[] wrapped = new long[shape.length + 1];
        wrapped[0] = 1;
        System.arraycopy(shape, 0, wrapped, 1, shape.length);
        features[0] = features[0].reshape(wrapped);
        return new org.nd4j.linalg.dataset.MultiDataSet(features, batch.getLabels(), batch.getFeaturesMaskArrays(),
                batch.getLabelsMaskArrays());
    }

    /** Undoes {@link #wrap} in place (DL4J's worker steps on the object it gave its hooks). */
    static void unwrap(MultiDataSet example) {
        INDArray first = example.getFeatures(0);
        long[] shape = first.shape();
        if (shape.length < 2 || shape[0] != 1) {
            throw new IllegalStateException("a Spark worker received a batch that was not wrapped whole: first input "
                    + Arrays.toString(shape) + "; the workers must take one example per step (batchSizePerWorker 1)");
        }
        example.setFeatures(0, first.reshape(Arrays.copyOfRange(shape, 1, shape.length)));
    }
}
