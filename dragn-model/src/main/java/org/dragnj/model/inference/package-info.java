/**
 * Graphs for inference only: {@link org.dragnj.model.inference.BatchNormFolding} rewrites a trained
 * graph's convolutions so that the BatchNormalization after them is no longer a layer of its own.
 * <p>May use: deeplearning4j-nn, nd4j-api.
 */
package org.dragnj.model.inference;
