package org.dragnj.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.BagVertex;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TrunkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * The bag is formed inside the graph by the aggregation vertex, which reads the bag mask:
 * <pre>
 *   POST, maps:   instances → trunk → aggregate(·, bag) → pool → head
 *   POST, vector: instances → trunk → aggregate(·, bag) → head      (NAN, SPoC, gated attention)
 *   PRE:          instances → aggregate(·, bag) → trunk → pool → head
 * </pre>
 * The head scores bags and trains on bag labels.
 */
final class VertexBagScoring implements BagScoring {

    static final VertexBagScoring INSTANCE = new VertexBagScoring();

    private VertexBagScoring() {
    }

    @Override
    public String addBody(GraphBuilder g, ModelSpec spec, TrunkArchitecture trunk, TrunkContext context,
            InputType input) {
        // The bag mask's width varies per minibatch; only the aggregation vertex reads it.
        g.addInputs(ModelGraphFactory.INSTANCES, ModelGraphFactory.BAG).setInputTypes(input, InputType.feedForward(1));
        double decay = spec.optimizer().weightDecay();
        List<Regularization> regularization = decay > 0 ? List.of(new L2Regularization(decay)) : List.of();
        Aggregation aggregation = spec.aggregation();
        BagVertex aggregate = aggregation.createVertex(new Aggregation.VertexSettings(spec.unitBatchNorm(),
                spec.unitInit(), context.updater(), regularization));
        if (spec.mode() == AggregationMode.POST) {
            g.addVertex(ModelGraphFactory.AGGREGATE, aggregate,
                    trunk.addTo(g, ModelGraphFactory.INSTANCES, context), ModelGraphFactory.BAG);
            return aggregation.output() == Aggregation.Output.MAPS ? ModelGraphFactory.pool(g, ModelGraphFactory.AGGREGATE)
                    : ModelGraphFactory.AGGREGATE;
        }
        g.addVertex(ModelGraphFactory.AGGREGATE, aggregate, ModelGraphFactory.INSTANCES, ModelGraphFactory.BAG);
        return ModelGraphFactory.pool(g, trunk.addTo(g, ModelGraphFactory.AGGREGATE, context));
    }

    @Override
    public boolean trunkSeesInstances(ModelSpec spec) {
        return spec.mode() == AggregationMode.POST;
    }

    @Override
    public INDArray[] inputs(BagBatch batch) {
        return new INDArray[] {batch.instances(), batch.bagMask()};
    }

    @Override
    public MultiDataSet trainingData(BagBatch batch) {
        return batch.toMultiDataSet();
    }

    @Override
    public INDArray scores(ComputationGraph graph, BagBatch batch) {
        return graph.output(false, inputs(batch))[0];
    }

    @Override
    public INDArray bagFeatures(Map<String, INDArray> activations, ComputationGraph graph,
            Optional<INDArray> instanceFeatures, BagBatch batch) {
        return activations.get(graph.getConfiguration().getVertexInputs().get(ModelGraphFactory.HEAD).get(0));
    }
}
