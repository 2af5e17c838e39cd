/**
 * A memory-mapped, append-only store of per-instance feature maps keyed by image
 * ({@link org.dragnj.datasets.features.FeatureStore}), committed in steps so that a killed extraction
 * keeps what it wrote; read back as an {@code InstanceSource}.
 * <p>May use: org.dragnj.bags, org.dragnj.datasets.iterator.
 */
package org.dragnj.datasets.features;

