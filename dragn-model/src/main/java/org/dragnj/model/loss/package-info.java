/**
 * The losses the paper names (docs/design.md §4): BCE, focal and FlyIT's FEC, as DL4J loss functions.
 * <p>May use: nd4j-api.
 */
package org.dragnj.model.loss;
