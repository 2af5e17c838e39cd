package org.dragnj.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.inference.BatchNormFolding;
import org.dragnj.model.io.ModelFiles;
import org.dragnj.model.io.ModelProvenance;
import org.dragnj.model.loss.ElementwiseLoss;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.weights.PretrainedTrunkWeights;
import org.dragnj.model.trunk.weights.TrunkInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bag classifier: one ComputationGraph (one parameter vector, one optimizer state) that takes
 * minibatches of bags of any lengths and predicts K label probabilities per bag. It reads images,
 * saves to and loads from one file with its spec and {@link ModelProvenance}.
 *
 * <p>Why one graph serves every bag length: the bag layout arrives as a graph input (the bag
 * mask), and the aggregation vertex runs Algorithm 1 for whatever lengths it finds, with the same
 * unit parameters. There is no per-length graph to keep in sync.
 */
public final class DragnModel extends GraphBagClassifier {

    private final ModelProvenance provenance;
    /** A scoring copy whose BatchNorm is folded into its convolutions: it neither trains nor saves. */
    private final boolean inferenceCopy;

    private DragnModel(ModelSpec spec, ComputationGraph graph, ModelProvenance provenance) {
        this(spec, graph, provenance, false);
    }

    private DragnModel(ModelSpec spec, ComputationGraph graph, ModelProvenance provenance, boolean inferenceCopy) {
        super(spec, graph);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.inferenceCopy = inferenceCopy;
    }

    /**
     * A copy for scoring (predict, evaluate, features): every BatchNorm that follows a convolution is
     * folded into it ({@link BatchNormFolding}), so a pass does less work and gives the same scores up
     * to float rounding. The copy cannot train or be saved; this model is unchanged.
     */
    public DragnModel forInference() {
        if (inferenceCopy) {
            return this;
        }
        return new DragnModel(spec(), BatchNormFolding.fold(graph()).graph(), provenance, true);
    }

    @Override
    public double fit(BagBatch batch) {
        requireTrainable("train");
        return super.fit(batch);
    }

    private void requireTrainable(String what) {
        if (inferenceCopy) {
            throw new IllegalStateException("cannot " + what + " an inference copy of a model (its BatchNorm is folded"
                    + " into its convolutions); use the model it was made from");
        }
    }

    /** Builds and initialises a model; loads pretrained trunk weights if the spec asks for them. */
    public static DragnModel create(ModelSpec spec) {
        DragnModel model = create(spec, spec.trunk());
        if (spec.trunkInit() != TrunkInit.RANDOM) {
            Set<String> trunkLayers = ModelGraphFactory.configureTrunk(spec, spec.trunk()).getVertices().keySet();
            PretrainedTrunkWeights.apply(spec.trunk(), spec.trunkInit(),
                    spec.trunkWeightsFile() == null ? null : Path.of(spec.trunkWeightsFile()), model.graph(),
                    trunkLayers);
        }
        return model;
    }

    /** Builds a model on another trunk architecture, randomly initialised (for tests and experiments). */
    public static DragnModel create(ModelSpec spec, TrunkArchitecture trunk) {
        ComputationGraph graph = new ComputationGraph(ModelGraphFactory.configure(spec, trunk));
        graph.init();
        return new DragnModel(spec, graph, ModelProvenance.current());
    }

    /** This model, recording that {@code origin} made it; saved with it from now on. */
    public DragnModel withProvenance(ModelProvenance origin) {
        return new DragnModel(spec(), graph(), origin, inferenceCopy);
    }

    /** How this model was made (for a model built in code: the software only). */
    public ModelProvenance provenance() {
        return provenance;
    }

    /**
     * The data loss a graph's last gradient computation found, without its regularization penalty;
     * valid while the graph still holds the weights it was computed with (for listeners:
     * {@code onGradientCalculation}).
     */
    public static double dataLoss(ComputationGraph graph) {
        return graph.score() - graph.calcRegularizationScore(true);
    }

    /**
     * Mean over bags of the summed binary cross-entropy of {@link #predict}: one definition for every
     * aggregation (single-instance models included), without regularization terms.
     */
    public double loss(BagBatch batch) {
        Objects.requireNonNull(batch.labels(), "the loss needs a batch with labels");
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
     * What the model sees of a batch, for maps such as t-SNE: each instance's trunk features,
     * averaged over space [sum of bag lengths, C] (absent in PRE mode, whose trunk reads aggregated
     * images), and each bag's representation as the head receives it [B, D] (for single-instance
     * models, which have none, the mean of the bag's instance features).
     */
    public record Embeddings(Optional<INDArray> instances, INDArray bags) {
    }

    public Embeddings embeddings(BagBatch batch) {
        Map<String, INDArray> activations = graph().feedForward(scoring().inputs(batch), false);
        Optional<INDArray> instances = Optional.empty();
        if (scoring().trunkSeesInstances(spec())) {
            Map<String, List<String>> inputsOf = graph().getConfiguration().getVertexInputs();
            String trunkOut = inputsOf.containsKey(ModelGraphFactory.AGGREGATE)
                    ? inputsOf.get(ModelGraphFactory.AGGREGATE).get(0) : inputsOf.get(ModelGraphFactory.POOL).get(0);
            instances = Optional.of(activations.get(trunkOut).mean(2, 3));
        }
        INDArray bags = scoring().bagFeatures(activations, graph(), instances, batch);
        return new Embeddings(instances, bags.reshape(bags.size(0), -1));
    }

    public void save(Path file) throws IOException {
        save(file, Map.of());
    }

    /** Saves with extra entries in the same file (a checkpoint's training state). */
    public void save(Path file, Map<String, byte[]> extraEntries) throws IOException {
        requireTrainable("save");
        ModelFiles.write(file, graph(), spec(), provenance.rewrittenNow(), true, extraEntries);
    }

    public static DragnModel load(Path file) throws IOException {
        ModelFiles.Header<ModelSpec> header = ModelFiles.readHeader(file, ModelSpec.class);
        return new DragnModel(header.spec(), ModelFiles.readGraph(file, true), header.provenance());
    }

    /** Provenance stored in a model file. */
    public static ModelProvenance provenance(Path file) throws IOException {
        return ModelFiles.readHeader(file, ModelSpec.class).provenance();
    }

    /** All parameters, aggregation vertex included ({@code ComputationGraph.numParams()} counts layers only). */
    public long parameterCount() {
        return graph().params().length();
    }

    /** Parameters of the aggregation vertex (BatchNorm running statistics included); 0 without one. */
    public long aggregationParameterCount() {
        GraphVertex v = graph().getVertex(ModelGraphFactory.AGGREGATE);
        return v == null ? 0 : v.numParams();
    }

    @Override
    public String toString() {
        return "DragnModel(" + spec().trunk() + ", " + spec().aggregation() + ", " + spec().mode() + ", "
                + spec().numLabels() + " labels, " + parameterCount() + " parameters)";
    }
}
