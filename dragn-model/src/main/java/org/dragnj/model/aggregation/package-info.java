/**
 * How a bag's instances become one representation: the {@link org.dragnj.model.aggregation.Aggregation}
 * choice (the one place that knows every aggregation), and the base classes of every aggregation
 * vertex, the configuration {@link org.dragnj.model.aggregation.BagVertex} and the runtime
 * {@link org.dragnj.model.aggregation.BagVertexImpl}, which groups bags by length.
 * <p>May use: deeplearning4j-nn, nd4j-api, org.dragnj.bags.
 */
package org.dragnj.model.aggregation;
