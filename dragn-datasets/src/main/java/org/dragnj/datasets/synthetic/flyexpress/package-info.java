/**
 * Synthetic FlyExpress images: real BDGP file names, synthetic in-situ pixels whose stain follows
 * each gene × stage group's annotation terms, so the real bagging protocol and the models can run
 * end to end without the real images.
 *
 * <pre>{@code
 * FlyExpressSynthesizer.generate(FlyExpressSynthSpec.builder()
 *         .setOutputFolder(Path.of("data/synthetic-flyexpress"))
 *         .optGeneLimit(200)      // 0 (default): every image the tables name, about 43,000
 *         .optSeed(1)
 *         .build(), progress);
 * }</pre>
 */
package org.dragnj.datasets.synthetic.flyexpress;

