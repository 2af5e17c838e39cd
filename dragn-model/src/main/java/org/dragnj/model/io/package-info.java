/**
 * The model file: one zip with DL4J's graph, parameters and updater state, the spec, and the
 * {@link org.dragnj.model.io.ModelProvenance} (how the model was made); written atomically.
 * <p>May use: deeplearning4j-nn, Jackson.
 */
package org.dragnj.model.io;
