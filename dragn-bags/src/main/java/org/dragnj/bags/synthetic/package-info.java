/**
 * Synthetic bags in memory, seeded: instances are small images with class motifs, and a bag's labels
 * need evidence from one or several of its instances ({@link org.dragnj.bags.synthetic.SyntheticBagSpec.Evidence}).
 * The demo task, and the model's tests, train on them; {@code org.dragnj.datasets.synthetic} writes
 * them to disk as a manifest of PNGs.
 * <p>May use: org.dragnj.bags, nd4j-api.
 */
package org.dragnj.bags.synthetic;
