package org.dragnj.experiment.evaluation;

/** A scores file lacks some of the bags to evaluate (typically: it was made for another split). */
public class MissingScoresException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int missing;
    private final int expected;

    public MissingScoresException(String message, int missing, int expected) {
        super(message);
        this.missing = missing;
        this.expected = expected;
    }

    /** Bags to evaluate without a score row. */
    public int missing() {
        return missing;
    }

    /** Bags to evaluate. */
    public int expected() {
        return expected;
    }
}
