package org.dragnj.experiment.training;

/**
 * Which epoch's model is kept as the best, and what the plateau schedule and early stopping watch.
 * The threshold-free measures are the default: macro F1 at p ≥ 0.5 can be won by a constant predictor
 * (answering every bag positive scores 0.765 on a validation split with 31 of 50 positives), which
 * the AUC and the loss cannot.
 */
public enum ModelSelection {
    /** Highest validation macro AUC (labels without both classes left out, as in the metrics). */
    VAL_AUC("validation macro AUC"),
    /** Lowest validation loss (mean bag binary cross-entropy). */
    VAL_LOSS("validation loss"),
    /** Highest validation macro F1 under the decision rule: the DRAGN authors' choice. */
    VAL_F1("validation macro F1");

    private final String description;

    ModelSelection(String description) {
        this.description = description;
    }

    /** The measure of an epoch, higher is better (the loss negated). */
    public double score(EpochRecord epoch) {
        return switch (this) {
            case VAL_AUC -> epoch.valAucMacro();
            case VAL_LOSS -> -epoch.valLoss();
            case VAL_F1 -> epoch.valF1Macro();
        };
    }

    /** The measure as a person reads it back from a {@link #score} (the loss un-negated). */
    public double value(double score) {
        return this == VAL_LOSS ? -score : score;
    }

    /** What a person reads, e.g. "validation macro AUC". */
    public String description() {
        return description;
    }
}
