package org.dragnj.experiment.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;

/**
 * What a training run optimises, on which bags, and how its checkpoints are written: the whole
 * model on images ({@link WholeModelTraining}), or the head of a frozen trunk on cached trunk
 * features ({@link FrozenTrunkTraining}). Either way a checkpoint holds the whole model, so
 * evaluation and prediction read it as any model file.
 */
public interface TrainingTarget {

    /** The bags of the three splits, as this target reads them. */
    record Bags(BagIterator train, BagIterator val, BagIterator test) {
    }

    /** The classifier whose parameters train. */
    BagClassifier classifier();

    Bags bags();

    /** Writes the whole model and {@code entries} (the training state) into one file, atomically. */
    void save(Path file, Map<String, byte[]> entries) throws IOException;

    /** Continues from a checkpoint this target wrote: restores what the model file alone does not hold. */
    void restore(Path checkpoint) throws IOException;

    /** The classifier that scores {@link #bags()} with the weights of a saved whole model. */
    BagClassifier scorer(DragnModel saved);
}
