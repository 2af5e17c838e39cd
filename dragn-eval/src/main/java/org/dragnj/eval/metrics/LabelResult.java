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

    /**
     * Which of this label's metrics have no value on this split and why, for a person; null when all are
     * defined. The numbers keep scikit-learn's conventions (a 0/0 precision, recall or F1 counts as 0 in
     * the macro averages; an undefined AUC is left out of the macro AUC), so they stay comparable.
     */
    public String undefined() {
        java.util.List<String> why = new java.util.ArrayList<>();
        if (support() == 0) {
            why.add("no positive bags in this split: AUC, recall and F1 are undefined");
        }
        if (tn + fp == 0) {
            why.add("no negative bags in this split: AUC and specificity are undefined");
        }
        if (tp + fp == 0 && support() > 0) {
            why.add("no bag predicted positive: precision is undefined");
        }
        return why.isEmpty() ? null : String.join("; ", why) + " (counted as 0 in the macro precision, recall and"
                + " F1, left out of the macro AUC)";
    }
}
