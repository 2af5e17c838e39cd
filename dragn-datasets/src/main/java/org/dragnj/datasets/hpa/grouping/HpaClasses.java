package org.dragnj.datasets.hpa.grouping;

import java.util.List;

/** Class names of public HPA data sets, for {@code HpaCropSpec.Builder.optClasses}. */
public final class HpaClasses {

    /** The 28 classes of the Kaggle "Human Protein Atlas Image Classification" (2018) train.csv, by index. */
    public static final List<String> KAGGLE_2018 = List.of(
            "Nucleoplasm", "Nuclear membrane", "Nucleoli", "Nucleoli fibrillar center", "Nuclear speckles",
            "Nuclear bodies", "Endoplasmic reticulum", "Golgi apparatus", "Peroxisomes", "Endosomes", "Lysosomes",
            "Intermediate filaments", "Actin filaments", "Focal adhesion sites", "Microtubules", "Microtubule ends",
            "Cytokinetic bridge", "Mitotic spindle", "Microtubule organizing center", "Centrosome", "Lipid droplets",
            "Plasma membrane", "Cell junctions", "Mitochondria", "Aggresome", "Cytosol", "Cytoplasmic bodies",
            "Rods & rings");

    private HpaClasses() {
    }
}
