package org.dragnj.model;

import java.util.Optional;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * What training and evaluation need of a model: one score row per bag, one optimizer step, the
 * per-instance weights where it has them. A whole {@link DragnModel} is one; so is the head of a
 * {@link FrozenTrunk}, whose instances are trunk features.
 */
public interface BagClassifier {

    ModelSpec spec();

    /** The graph that trains (its learning rate is set and its parameters averaged through it). */
    ComputationGraph graph();

    /** Per-label probabilities [B, K] (inference mode: BatchNorm uses running statistics). */
    INDArray predict(BagBatch batch);

    /**
     * One optimizer step on the batch; returns the data loss on it before the step, without the
     * weight-decay penalty, so that it means what {@link DragnModel#loss} means for validation (DL4J's
     * score adds the penalty: with ResNet18 and weight decay 0.01 that is most of the number).
     */
    double fit(BagBatch batch);

    /** What the graph trains on for this batch (for trainers that drive the graph themselves). */
    MultiDataSet trainingData(BagBatch batch);

    /**
     * Per-instance weights [sum of bag lengths], each bag's summing to 1, in the batch's instance
     * order: which images drove each bag's prediction. Empty for aggregations without them
     * (see {@code Aggregation.hasInstanceWeights()}).
     */
    Optional<INDArray> attention(BagBatch batch);
}
