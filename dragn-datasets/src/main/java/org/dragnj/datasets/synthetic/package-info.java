/**
 * Synthetic bags written to disk as a manifest of PNG instances
 * ({@link org.dragnj.datasets.synthetic.SyntheticManifest}), generated once and reused by every run
 * that asks for the same data; the subpackages draw synthetic HPA fields and FlyExpress embryos.
 * <p>May use: org.dragnj.bags (its in-memory generator), OpenCV to write images.
 */
package org.dragnj.datasets.synthetic;

