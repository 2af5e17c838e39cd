package org.dragnj.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.data.batch.BagBatch;
import org.dragnj.model.io.ModelFiles;
import org.dragnj.model.io.ModelProvenance;
import org.dragnj.model.trunk.PretrainedTrunkWeights;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A bag classifier: one ComputationGraph (one parameter vector, one optimizer state) that takes
 * minibatches of bags of any lengths and predicts K label probabilities per bag.
 *
 * <p>Why one graph serves every bag length: the bag layout arrives as a graph input (the bag
 * mask), and the aggregation vertex runs Algorithm 1 for whatever lengths it finds, with the same
 * unit parameters. There is no per-length graph to keep in sync.
 */
public final class DragnModel {

    private final ModelSpec spec;
    private final ComputationGraph graph;

    private DragnModel(ModelSpec spec, ComputationGraph graph) {
        this.spec = spec;
        this.graph = graph;
    }

    /** Builds and initialises a model; loads pretrained trunk weights if the spec asks for them. */
    public static DragnModel create(ModelSpec spec) {
        DragnModel model = create(spec, spec.trunk());
        PretrainedTrunkWeights.apply(spec.trunk(), spec.trunkInit(),
                spec.trunkWeightsFile() == null ? null : Path.of(spec.trunkWeightsFile()), model.graph);
        return model;
    }

    /** Builds a model on another trunk architecture, randomly initialised (for tests and experiments). */
    public static DragnModel create(ModelSpec spec, TrunkArchitecture trunk) {
        ComputationGraph graph = new ComputationGraph(ModelGraphFactory.configure(spec, trunk));
        graph.init();
        return new DragnModel(spec, graph);
    }

    /** Per-label probabilities [B, K] (inference mode: BatchNorm uses running statistics). */
    public INDArray predict(BagBatch batch) {
        return graph.output(false, batch.instances(), batch.bagMask())[0];
    }

    /** One optimizer step on the batch; returns the batch's loss before the step. */
    public double fit(BagBatch batch) {
        requireLabels(batch);
        graph.fit(batch.toMultiDataSet());
        return graph.score();
    }

    /** The batch's mean loss in inference mode, without updating anything. */
    public double loss(BagBatch batch) {
        requireLabels(batch);
        MultiDataSet mds = batch.toMultiDataSet();
        return graph.score(mds, false);
    }

    public void save(Path file) throws IOException {
        ModelFiles.write(file, graph, spec, true);
    }

    public static DragnModel load(Path file) throws IOException {
        ModelFiles.Header<ModelSpec> header = ModelFiles.readHeader(file, ModelSpec.class);
        return new DragnModel(header.spec(), ModelFiles.readGraph(file, true));
    }

    /** Provenance stored in a model file. */
    public static ModelProvenance provenance(Path file) throws IOException {
        return ModelFiles.readHeader(file, ModelSpec.class).provenance();
    }

    public ModelSpec spec() {
        return spec;
    }

    public ComputationGraph graph() {
        return graph;
    }

    /** All parameters, aggregation vertex included ({@code ComputationGraph.numParams()} counts layers only). */
    public long parameterCount() {
        return graph.params().length();
    }

    /** Parameters of the aggregation vertex (BatchNorm running statistics included). */
    public long aggregationParameterCount() {
        GraphVertex v = graph.getVertex(ModelGraphFactory.AGGREGATE);
        return v.numParams();
    }

    private static void requireLabels(BagBatch batch) {
        Objects.requireNonNull(batch.labels(), "training and loss need a batch with labels");
    }

    @Override
    public String toString() {
        return "DragnModel(" + spec.trunk() + ", " + spec.aggregation() + ", " + spec.mode() + ", "
                + spec.numLabels() + " labels, " + parameterCount() + " parameters)";
    }
}
