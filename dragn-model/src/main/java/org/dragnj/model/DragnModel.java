package org.dragnj.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.data.batch.BagBatch;
import org.dragnj.data.batch.BagLayout;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.io.ModelFiles;
import org.dragnj.model.io.ModelProvenance;
import org.dragnj.model.loss.ElementwiseLoss;
import org.dragnj.model.trunk.PretrainedTrunkWeights;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    /** A head split off a frozen trunk ({@link FrozenTrunk}): its instances are trunk features. */
    private final boolean onFeatures;

    private DragnModel(ModelSpec spec, ComputationGraph graph) {
        this(spec, graph, false);
    }

    private DragnModel(ModelSpec spec, ComputationGraph graph, boolean onFeatures) {
        this.spec = spec;
        this.graph = graph;
        this.onFeatures = onFeatures;
    }

    static DragnModel onFeatures(ModelSpec spec, ComputationGraph headGraph) {
        return new DragnModel(spec, headGraph, true);
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

    /**
     * Per-label probabilities [B, K] (inference mode: BatchNorm uses running statistics). For
     * {@link Aggregation#SINGLE_INSTANCE} a bag scores the per-label maximum over its instances.
     */
    public INDArray predict(BagBatch batch) {
        if (isSingleInstance()) {
            return bagMaximum(graph.output(false, batch.instances())[0], batch.layout());
        }
        return graph.output(false, batch.instances(), batch.bagMask())[0];
    }

    /**
     * One optimizer step on the batch; returns the data loss on it before the step, without the
     * weight-decay penalty, so that it means what {@link #loss} means for validation (DL4J's score
     * adds the penalty: with ResNet18 and weight decay 0.01 that is most of the number).
     * Single-instance models train on every instance with its bag's labels.
     */
    public double fit(BagBatch batch) {
        double penalty = graph.calcRegularizationScore(true); // the weights the step's score is computed with
        graph.fit(trainingData(batch));
        return graph.score() - penalty;
    }

    /**
     * The data loss a graph's last gradient computation found, without its regularization penalty;
     * valid while the graph still holds the weights it was computed with (for listeners:
     * {@code onGradientCalculation}).
     */
    public static double dataLoss(ComputationGraph graph) {
        return graph.score() - graph.calcRegularizationScore(true);
    }

    /** What the graph trains on for this batch: bags, or for single-instance models every instance with its bag's labels. */
    public MultiDataSet trainingData(BagBatch batch) {
        requireLabels(batch);
        if (isSingleInstance()) {
            return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch.instances()},
                    new INDArray[] {instanceLabels(batch)});
        }
        return batch.toMultiDataSet();
    }

    /**
     * Mean over bags of the summed binary cross-entropy of {@link #predict}: one definition for every
     * aggregation (single-instance models included), without regularization terms.
     */
    public double loss(BagBatch batch) {
        requireLabels(batch);
        return bagLoss(predict(batch), batch.labels()) / batch.size();
    }

    /**
     * Summed over bags and labels: −Σ [y log p + (1 − y) log(1 − p)], p clipped to [1e-7, 1 − 1e-7]
     * (the training loss's definition, {@link ElementwiseLoss}); {@code probabilities} is left as it is.
     */
    public static double bagLoss(INDArray probabilities, INDArray labels) {
        INDArray p = ElementwiseLoss.clip(probabilities.castTo(DataType.DOUBLE).dup());
        return ElementwiseLoss.binaryCrossEntropyLoss(p, labels.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    /**
     * Per-instance attention weights [sum of bag lengths], each bag's summing to 1, in the batch's
     * instance order: which images drove each bag's prediction. Empty for aggregations without
     * learned attention (see {@link Aggregation#hasAttention()}).
     */
    public Optional<INDArray> attention(BagBatch batch) {
        if (!spec.aggregation().hasAttention()) {
            return Optional.empty();
        }
        graph.output(false, batch.instances(), batch.bagMask());
        BagVertexImpl<?> vertex = (BagVertexImpl<?>) graph.getVertex(ModelGraphFactory.AGGREGATE);
        return Optional.of(vertex.lastInstanceWeights().dup());
    }

    /**
     * What the model sees of a batch, for maps such as t-SNE: each instance's trunk features,
     * averaged over space [sum of bag lengths, C] (absent in PRE mode, whose trunk reads aggregated
     * images), and each bag's representation as the head receives it [B, D] (for single-instance
     * models, which have none, the mean of the bag's instance features).
     */
    public record Embeddings(Optional<INDArray> instances, INDArray bags) {
    }

    public Embeddings embeddings(BagBatch batch) {
        INDArray[] inputs = isSingleInstance() ? new INDArray[] {batch.instances()}
                : new INDArray[] {batch.instances(), batch.bagMask()};
        Map<String, INDArray> activations = graph.feedForward(inputs, false);
        Map<String, List<String>> inputsOf = graph.getConfiguration().getVertexInputs();
        Optional<INDArray> instances = Optional.empty();
        if (isSingleInstance() || spec.mode() == AggregationMode.POST) {
            String trunkOut = inputsOf.get(isSingleInstance() ? ModelGraphFactory.POOL : ModelGraphFactory.AGGREGATE)
                    .get(0);
            instances = Optional.of(activations.get(trunkOut).mean(2, 3));
        }
        INDArray bags = isSingleInstance() ? bagMean(instances.orElseThrow(), batch.layout())
                : activations.get(inputsOf.get(ModelGraphFactory.HEAD).get(0));
        return new Embeddings(instances, bags.reshape(bags.size(0), -1));
    }

    private static INDArray bagMean(INDArray rows, BagLayout layout) {
        INDArray out = Nd4j.create(rows.dataType(), layout.bags(), rows.size(1));
        int[] offsets = layout.offsets();
        for (int b = 0; b < layout.bags(); b++) {
            out.putRow(b, rows.get(NDArrayIndex.interval(offsets[b], offsets[b] + layout.length(b)), NDArrayIndex.all())
                    .mean(0));
        }
        return out;
    }

    private boolean isSingleInstance() {
        return spec.aggregation() == Aggregation.SINGLE_INSTANCE;
    }

    /** Each instance gets its bag's label row. */
    static INDArray instanceLabels(BagBatch batch) {
        BagLayout layout = batch.layout();
        INDArray out = Nd4j.create(batch.labels().dataType(), layout.totalInstances(), batch.labels().size(1));
        int[] offsets = layout.offsets();
        for (int b = 0; b < layout.bags(); b++) {
            out.get(NDArrayIndex.interval(offsets[b], offsets[b] + layout.length(b)), NDArrayIndex.all())
                    .assign(batch.labels().getRow(b, true).repeat(0, layout.length(b)));
        }
        return out;
    }

    /** Per-label maximum over each bag's instance rows. */
    static INDArray bagMaximum(INDArray instanceScores, BagLayout layout) {
        INDArray out = Nd4j.create(instanceScores.dataType(), layout.bags(), instanceScores.size(1));
        int[] offsets = layout.offsets();
        for (int b = 0; b < layout.bags(); b++) {
            out.putRow(b, instanceScores.get(NDArrayIndex.interval(offsets[b], offsets[b] + layout.length(b)),
                    NDArrayIndex.all()).max(0));
        }
        return out;
    }

    public void save(Path file) throws IOException {
        save(file, Map.of());
    }

    /** Saves with extra entries in the same file (a checkpoint's training state). */
    public void save(Path file, Map<String, byte[]> extraEntries) throws IOException {
        if (onFeatures) {
            throw new IllegalStateException("a head trained on trunk features is saved as part of its whole model:"
                    + " save FrozenTrunk.assemble()");
        }
        ModelFiles.write(file, graph, spec, true, extraEntries);
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

    /** Parameters of the aggregation vertex (BatchNorm running statistics included); 0 without one. */
    public long aggregationParameterCount() {
        GraphVertex v = graph.getVertex(ModelGraphFactory.AGGREGATE);
        return v == null ? 0 : v.numParams();
    }

    private static void requireLabels(BagBatch batch) {
        Objects.requireNonNull(batch.labels(), "training and loss need a batch with labels");
    }

    /** Whether this is a head that reads trunk features instead of images (see {@link FrozenTrunk}). */
    public boolean isOnFeatures() {
        return onFeatures;
    }

    @Override
    public String toString() {
        return (onFeatures ? "DragnModel head(" : "DragnModel(") + spec.trunk() + ", " + spec.aggregation() + ", " + spec.mode() + ", "
                + spec.numLabels() + " labels, " + parameterCount() + " parameters)";
    }
}
