/**
 * The bag classifier: {@link org.dragnj.model.ModelSpec} (everything that defines a model, built with
 * required {@code setX} and optional {@code optX}), {@link org.dragnj.model.ModelGraphFactory} (the
 * DL4J graph: trunk, aggregation, head), {@link org.dragnj.model.DragnModel} (create, fit, predict,
 * save, load) and {@link org.dragnj.model.FrozenTrunk} (a model split at its trunk). Where a model
 * forms its bags, inside the graph or after the head (SI), is one strategy per way
 * ({@code BagScoring}).
 * <p>May use: org.dragnj.bags, deeplearning4j-nn, nd4j-api; never image decoding (no OpenCV, datavec-image
 * or JavaCV on this module's classpath).
 */
package org.dragnj.model;
