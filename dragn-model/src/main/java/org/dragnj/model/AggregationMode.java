package org.dragnj.model;

/** Where in the network the bag is aggregated (paper §3.1). */
public enum AggregationMode {
    /** Trunk on every instance, aggregation of the feature maps, then the head (the paper's main form). */
    POST,
    /** Aggregation of the raw images into one image, then trunk and head. */
    PRE
}
