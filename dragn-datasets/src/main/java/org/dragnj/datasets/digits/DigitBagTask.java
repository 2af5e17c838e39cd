package org.dragnj.datasets.digits;

/** The bag tasks built from real digits. */
public enum DigitBagTask {
    /**
     * One label: a bag is positive when at least one of its instances is the target digit (the
     * key-instance MIL benchmark of Ilse et al. 2018). Instances are drawn uniformly from the pool.
     */
    KEY_INSTANCE,
    /**
     * Ten labels (the digits), 1–3 per bag; every instance shows one of its bag's labels, each label
     * at least once, with occlusion and noise: the evidence for a bag's labels is spread over its
     * instances, as for the cells of a protein's HPA images.
     */
    MULTI_LABEL
}
