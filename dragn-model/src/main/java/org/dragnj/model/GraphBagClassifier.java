package org.dragnj.model;

import java.util.Objects;
import java.util.Optional;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** A {@link BagClassifier} that is a graph built from a spec: the common part of a whole model and a head. */
abstract class GraphBagClassifier implements BagClassifier {

    private final ModelSpec spec;
    private final ComputationGraph graph;
    private final BagScoring scoring;

    GraphBagClassifier(ModelSpec spec, ComputationGraph graph) {
        this.spec = spec;
        this.graph = graph;
        this.scoring = BagScoring.of(spec.aggregation());
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public ComputationGraph graph() {
        return graph;
    }

    BagScoring scoring() {
        return scoring;
    }

    @Override
    public INDArray predict(BagBatch batch) {
        return scoring.scores(graph, batch);
    }

    @Override
    public double fit(BagBatch batch) {
        double penalty = graph.calcRegularizationScore(true); // the weights the step's score is computed with
        graph.fit(trainingData(batch));
        return graph.score() - penalty;
    }

    @Override
    public MultiDataSet trainingData(BagBatch batch) {
        Objects.requireNonNull(batch.labels(), "training and loss need a batch with labels");
        return scoring.trainingData(batch);
    }

    @Override
    public Optional<INDArray> attention(BagBatch batch) {
        if (!spec.aggregation().hasInstanceWeights()) {
            return Optional.empty();
        }
        graph.output(false, scoring.inputs(batch));
        BagVertexImpl<?> vertex = (BagVertexImpl<?>) graph.getVertex(ModelGraphFactory.AGGREGATE);
        return Optional.of(vertex.lastInstanceWeights().dup());
    }
}
