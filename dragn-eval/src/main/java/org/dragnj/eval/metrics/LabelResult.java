package org.dragnj.eval.metrics;

/**
 * One label's confusion counts and metrics.
 *
 * @param auc       NaN when the truth holds one class only (then left out of the macro AUC)
 * @param threshold the decision threshold used (NaN for the per-bag top-label rule)
 */
public record LabelResult(String label, long tp, long fp, long fn, long tn, double precision, double recall,
        double f1, double auc, double threshold) {

    /** Positive bags of this label. */
    public long support() {
        return tp + fn;
    }
}
