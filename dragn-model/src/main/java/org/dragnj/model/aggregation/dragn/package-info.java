/**
 * DRAGN (docs/design.md §2): the aggregation unit ({@link org.dragnj.model.aggregation.dragn.UnitArchitecture},
 * L1/L2/L3 with or without BatchNorm), Algorithm 1 as batched rounds of direct 3×3 convolutions
 * ({@link org.dragnj.model.aggregation.dragn.DragnKernel}), its counts
 * ({@link org.dragnj.model.aggregation.dragn.Recursion}) and the vertex.
 * <p>May use: org.dragnj.model.aggregation, deeplearning4j-nn, nd4j-api, slf4j, and jdk.incubator.vector
 * (only in VectorFloatPlaneOps, loaded when the JVM has the module).
 */
package org.dragnj.model.aggregation.dragn;
