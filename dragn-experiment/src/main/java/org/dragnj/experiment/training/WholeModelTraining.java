package org.dragnj.experiment.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;

/** Training every parameter of a model on images: the model is the classifier and the checkpoint. */
public final class WholeModelTraining implements TrainingTarget {

    private final DragnModel model;
    private final Bags bags;

    public WholeModelTraining(DragnModel model, Bags bags) {
        this.model = model;
        this.bags = bags;
    }

    @Override
    public BagClassifier classifier() {
        return model;
    }

    @Override
    public Bags bags() {
        return bags;
    }

    @Override
    public void save(Path file, Map<String, byte[]> entries) throws IOException {
        model.save(file, entries);
    }

    @Override
    public void restore(Path checkpoint) {
        // The model was loaded from the checkpoint: weights and optimizer state are all there is.
    }

    /** The saved model with its BatchNorm folded into its convolutions: the same scores, less work per pass. */
    @Override
    public BagClassifier scorer(DragnModel saved) {
        return saved.forInference();
    }
}
