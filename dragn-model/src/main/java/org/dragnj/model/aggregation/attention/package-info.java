/**
 * Attention over instances (docs/design.md §3): NAN (one block or the cascade) and gated attention;
 * both report their per-instance weights.
 * <p>May use: org.dragnj.model.aggregation, deeplearning4j-nn, nd4j-api.
 */
package org.dragnj.model.aggregation.attention;
