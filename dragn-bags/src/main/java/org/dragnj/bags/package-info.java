/**
 * Bags as tensors: a {@link org.dragnj.bags.Bag} (its instances and label row), a packed minibatch
 * {@link org.dragnj.bags.BagBatch} (instances of all bags in bag order, the bag mask, labels) and the
 * {@link org.dragnj.bags.BagLayout} read back from a mask. This is what the model's graph takes.
 * <p>May use: nd4j-api only.
 */
package org.dragnj.bags;
