package org.dragnj.experiment.training;

import java.util.function.DoubleConsumer;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.model.BagClassifier;

/**
 * Data-parallel optimizer steps: replicas of the model each fit their own batches from the same
 * weights, then their parameters and optimizer states are averaged into {@code model}. One JVM's
 * threads ({@link ParallelWrapperTraining}) and a Spark cluster (in {@code dragn-spark}) are the two
 * ways; the {@link Trainer} around them (validation, checkpoints, schedule) is the same.
 *
 * <p>Steps cannot be resumed mid-epoch: a data-parallel run checkpoints at epoch ends.
 */
public interface ParallelTraining {

    /**
     * Fits every batch of the epoch into {@code model}'s graph, which holds the averaged weights
     * afterwards.
     *
     * @param stepLosses receives the data loss of each batch (without the weight-decay penalty), as
     *     soon as it is known; it may throw to stop the epoch (divergence)
     */
    void fitEpoch(BagClassifier model, BagIterator.Epoch batches, ProgressListener progress, DoubleConsumer stepLosses);

    /** What a person reads in the log and the model's provenance, e.g. "ParallelWrapper, 2 workers". */
    String description();
}
