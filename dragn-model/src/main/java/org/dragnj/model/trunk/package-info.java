/**
 * Trunks, the feature extractors without pooling or classifier: a small CNN, torchvision-shaped
 * ResNet-18/50 built by hand, the DL4J zoo ResNet50, and their pretrained weights (read from files
 * on disk; nothing is downloaded).
 * <p>May use: deeplearning4j-nn, deeplearning4j-zoo, nd4j-api.
 */
package org.dragnj.model.trunk;
