package org.dragnj.datasets.synthetic.hpa;

import java.util.Arrays;
import java.util.List;

/**
 * The ten protein localisation classes the synthetic HPA fields can show in their green (protein)
 * channel, in label order. The names follow the HPA / Kaggle wording so manifests read naturally.
 */
public enum HpaPattern {
    NUCLEOPLASM("nucleoplasm"),
    NUCLEAR_MEMBRANE("nuclear membrane"),
    NUCLEOLI("nucleoli"),
    CYTOSOL("cytosol"),
    PLASMA_MEMBRANE("plasma membrane"),
    MITOCHONDRIA("mitochondria"),
    ENDOPLASMIC_RETICULUM("endoplasmic reticulum"),
    GOLGI_APPARATUS("golgi apparatus"),
    VESICLES("vesicles"),
    CENTROSOME("centrosome");

    private final String label;

    HpaPattern(String label) {
        this.label = label;
    }

    /** The class name written to grouping files and manifests. */
    public String label() {
        return label;
    }

    /** All class names in label order (index = Kaggle-style target index of the synthetic train.csv). */
    public static List<String> labels() {
        return Arrays.stream(values()).map(HpaPattern::label).toList();
    }
}
