package org.dragnj.experiment.training;

/** The loss became NaN, infinite or exploded; the last good checkpoint was kept. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
