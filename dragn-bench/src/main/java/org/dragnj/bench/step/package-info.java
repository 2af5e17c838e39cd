/**
 * The cost of one training step as the trainer pays it (issue 18, item 5): a frozen-trunk head step on
 * cached features and a small-trunk whole-model step, each through the product's own per-batch path.
 * <p>May use: org.dragnj.experiment, org.dragnj.datasets, org.dragnj.model, JMH.
 */
package org.dragnj.bench.step;
