package org.dragnj.model.trunk;

/** Where a trunk's initial weights come from. */
public enum TrunkInit {
    /** He initialisation from the model seed. */
    RANDOM,
    /** The DL4J zoo's ImageNet weights ({@link Trunk#ZOO_RESNET50} only), through the zoo's cache and checksum. */
    IMAGENET,
    /** A DL4J model file (zip) holding layers with the trunk's layer names. */
    FILE
}
