package org.dragnj.eval.metrics;

/** The paper's metrics (docs/design.md §6), all fractions in [0, 1], higher is better. */
public enum Metric {
    /** Mean over labels of the per-label ROC AUC; labels with one class in the truth are left out. */
    AUC_MACRO("auc_macro", "AUC (macro)"),
    /** Mean over labels of TP/(TP+FP). */
    PRECISION_MACRO("precision_macro", "Precision (macro)"),
    /** Mean over labels of TP/(TP+FN). */
    RECALL_MACRO("recall_macro", "Recall (macro)"),
    /** Mean over labels of the per-label F1. */
    F1_MACRO("f1_macro", "F1 (macro)"),
    /** F1 from ΣTP, ΣFP, ΣFN over all labels. */
    F1_MICRO("f1_micro", "F1 (micro)"),
    /** ΣTP/(ΣTP+ΣFN): micro recall. */
    SENSITIVITY("sensitivity", "Sensitivity"),
    /** ΣTN/(ΣTN+ΣFP). */
    SPECIFICITY("specificity", "Specificity");

    private final String key;
    private final String title;

    Metric(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The key in metrics.json. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }
}
