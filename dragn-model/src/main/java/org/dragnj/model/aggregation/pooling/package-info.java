/**
 * The parameter-free baselines (docs/design.md §3): MI_mean, MVCNN's view max pooling and SPoC.
 * <p>May use: org.dragnj.model.aggregation, deeplearning4j-nn, nd4j-api.
 */
package org.dragnj.model.aggregation.pooling;
