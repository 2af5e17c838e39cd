package org.dragnj.model;

/** The optimizer algorithm of a model. */
public enum Optimizer {
    ADAM,
    SGD,
    /** No update: for gradient checks and frozen evaluation. */
    NONE
}
