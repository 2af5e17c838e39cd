/**
 * From a manifest to minibatches: {@link org.dragnj.datasets.iterator.BagIterator} groups bags by
 * length, shuffles bags and instance order per epoch (a function of seed and epoch, so a resumed run
 * sees the same batches), augments, caps bag length, prefetches, and resumes mid-epoch. Instances
 * come from image files ({@link org.dragnj.datasets.iterator.InstanceLoader}, OpenCV/datavec) or from
 * any {@link org.dragnj.datasets.iterator.InstanceSource} such as a feature store.
 * <p>May use: org.dragnj.bags, nd4j-api, datavec-data-image, OpenCV.
 */
package org.dragnj.datasets.iterator;

