package org.dragnj.model;

import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TrunkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Where a model forms its bags, and so how a batch of bags passes through its graph: what the graph
 * is built of between its inputs and the head, what it is fed, what it trains on, how its output
 * becomes one score row per bag. Every aggregation with a vertex forms the bag inside the graph
 * ({@link VertexBagScoring}); single-instance training forms it after the head
 * ({@link SingleInstanceScoring}).
 */
interface BagScoring {

    static BagScoring of(Aggregation aggregation) {
        return aggregation.hasVertex() ? VertexBagScoring.INSTANCE : SingleInstanceScoring.INSTANCE;
    }

    /**
     * Adds the graph's inputs and everything up to the head: trunk, aggregation and pooling.
     *
     * @param trunk the trunk (the identity when the graph starts from trunk features)
     * @return the vertex whose activations the head reads
     */
    String addBody(GraphBuilder g, ModelSpec spec, TrunkArchitecture trunk, TrunkContext context, InputType input);

    /** Whether the trunk sees single instances, so that its features can be computed per instance. */
    boolean trunkSeesInstances(ModelSpec spec);

    /** The graph's inputs for a batch. */
    INDArray[] inputs(BagBatch batch);

    /** What the graph trains on for a batch with labels. */
    MultiDataSet trainingData(BagBatch batch);

    /** One row of label probabilities per bag [B, K] (inference mode). */
    INDArray scores(ComputationGraph graph, BagBatch batch);

    /**
     * Each bag's representation as the head receives it [B, D], from the activations of a forward pass
     * and each instance's pooled trunk features (absent when the trunk does not see single instances).
     */
    INDArray bagFeatures(Map<String, INDArray> activations, ComputationGraph graph, Optional<INDArray> instanceFeatures,
            BagBatch batch);
}
