package org.dragnj.eval.metrics;

/** How scores become predicted labels. */
public enum DecisionRule {
    /** A label is predicted when its score is at least 0.5. */
    THRESHOLD_05,
    /**
     * The authors' Drosophila rule: threshold min(max_k p, 0.5) per bag, so a bag whose scores all
     * fall below 0.5 still predicts its top-scoring label(s).
     */
    TOP_LABEL,
    /** A threshold per label, tuned to maximise that label's F1 on validation data. */
    TUNED_PER_LABEL
}
