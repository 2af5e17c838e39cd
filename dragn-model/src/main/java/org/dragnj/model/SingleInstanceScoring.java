package org.dragnj.model;

import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TrunkContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Single-instance training (the paper's SI): the graph is {@code instances → trunk → pool → head}
 * with one row per instance. Every instance trains on its bag's labels; a bag scores the per-label
 * maximum over its instances. The trunk always sees single instances, whatever the spec's mode.
 */
final class SingleInstanceScoring implements BagScoring {

    static final SingleInstanceScoring INSTANCE = new SingleInstanceScoring();

    private SingleInstanceScoring() {
    }

    @Override
    public String addBody(GraphBuilder g, ModelSpec spec, TrunkArchitecture trunk, TrunkContext context,
            InputType input) {
        g.addInputs(ModelGraphFactory.INSTANCES).setInputTypes(input);
        return ModelGraphFactory.pool(g, trunk.addTo(g, ModelGraphFactory.INSTANCES, context));
    }

    @Override
    public boolean trunkSeesInstances(ModelSpec spec) {
        return true;
    }

    @Override
    public INDArray[] inputs(BagBatch batch) {
        return new INDArray[] {batch.instances()};
    }

    @Override
    public MultiDataSet trainingData(BagBatch batch) {
        return new org.nd4j.linalg.dataset.MultiDataSet(inputs(batch), new INDArray[] {instanceLabels(batch)});
    }

    @Override
    public INDArray scores(ComputationGraph graph, BagBatch batch) {
        return bagMaximum(graph.output(false, inputs(batch))[0], batch.layout());
    }

    /** SI has no bag representation of its own: the mean of the bag's instance features stands in. */
    @Override
    public INDArray bagFeatures(Map<String, INDArray> activations, ComputationGraph graph,
            Optional<INDArray> instanceFeatures, BagBatch batch) {
        INDArray rows = instanceFeatures.orElseThrow();
        BagLayout layout = batch.layout();
        INDArray out = Nd4j.create(rows.dataType(), layout.bags(), rows.size(1));
        for (int b = 0; b < layout.bags(); b++) {
            out.putRow(b, rows.get(bagRows(layout, b), NDArrayIndex.all()).mean(0));
        }
        return out;
    }

    /** Each instance gets its bag's label row. */
    static INDArray instanceLabels(BagBatch batch) {
        BagLayout layout = batch.layout();
        INDArray out = Nd4j.create(batch.labels().dataType(), layout.totalInstances(), batch.labels().size(1));
        for (int b = 0; b < layout.bags(); b++) {
            out.get(bagRows(layout, b), NDArrayIndex.all())
                    .assign(batch.labels().getRow(b, true).repeat(0, layout.length(b)));
        }
        return out;
    }

    /** Per-label maximum over each bag's instance rows. */
    static INDArray bagMaximum(INDArray instanceScores, BagLayout layout) {
        INDArray out = Nd4j.create(instanceScores.dataType(), layout.bags(), instanceScores.size(1));
        for (int b = 0; b < layout.bags(); b++) {
            out.putRow(b, instanceScores.get(bagRows(layout, b), NDArrayIndex.all()).max(0));
        }
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex bagRows(BagLayout layout, int bag) {
        int offset = layout.offset(bag);
        return NDArrayIndex.interval(offset, offset + layout.length(bag));
    }
}
