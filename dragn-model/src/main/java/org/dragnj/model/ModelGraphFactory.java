package org.dragnj.model;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TrunkContext;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds the ComputationGraph configuration of a {@link ModelSpec}: the trunk, the aggregation where
 * the spec's aggregation forms the bag (see {@link VertexBagScoring} and {@link SingleInstanceScoring}
 * for the layouts), and the head. Inputs: {@value #INSTANCES} [sum of bag lengths, channels, H, W]
 * and, where the graph forms the bag, {@value #BAG} [B, maxLength]; output {@value #HEAD}, sigmoid
 * probabilities trained with the spec's loss (binary cross-entropy by default).
 */
public final class ModelGraphFactory {

    public static final String INSTANCES = "instances";
    public static final String INPUT_NORMALIZATION = "input_normalization";
    public static final String BAG = "bag";
    public static final String AGGREGATE = "aggregate";
    public static final String POOL = "pool";
    public static final String HEAD = "head";

    private ModelGraphFactory() {
    }

    public static ComputationGraphConfiguration configure(ModelSpec spec) {
        return configure(spec, spec.trunk());
    }

    /** As {@link #configure(ModelSpec)}, with another trunk (tests use tiny ones). */
    public static ComputationGraphConfiguration configure(ModelSpec spec, TrunkArchitecture trunk) {
        return build(spec, normalized(trunk, spec.inputNormalization()), imageType(spec), Part.ALL);
    }

    /**
     * The trunk alone: {@value #INSTANCES} images in, the trunk's feature maps out, with the same
     * layer names as in {@link #configure}, so parameters copy over by name.
     */
    public static ComputationGraphConfiguration configureTrunk(ModelSpec spec, TrunkArchitecture trunk) {
        return build(spec, normalized(trunk, spec.inputNormalization()), imageType(spec), Part.TRUNK);
    }

    /**
     * Everything after the trunk (aggregation, pooling, head) with the same vertex names as in
     * {@link #configure}: its {@value #INSTANCES} input takes trunk feature maps [C, h, w]. Only for
     * post-aggregation (and single-instance) models, whose trunk sees single instances.
     */
    public static ComputationGraphConfiguration configureHead(ModelSpec spec, long[] featureShape) {
        if (!BagScoring.of(spec.aggregation()).trunkSeesInstances(spec)) {
            throw new IllegalArgumentException("a model split at its trunk needs POST aggregation: in PRE mode the"
                    + " trunk sees aggregated images, so its features cannot be computed per instance");
        }
        InputType features = InputType.convolutional(featureShape[1], featureShape[2], featureShape[0]);
        return build(spec, (g, input, ctx) -> input, features, Part.ALL);
    }

    private enum Part { ALL, TRUNK }

    /** The trunk reading images through the spec's input normalisation, a vertex named {@value #INPUT_NORMALIZATION}. */
    private static TrunkArchitecture normalized(TrunkArchitecture trunk, InputNormalization normalization) {
        if (normalization == InputNormalization.NONE) {
            return trunk;
        }
        return (g, input, ctx) -> {
            g.addVertex(INPUT_NORMALIZATION, normalization.vertex(), input);
            return trunk.addTo(g, INPUT_NORMALIZATION, ctx);
        };
    }

    private static InputType imageType(ModelSpec spec) {
        return InputType.convolutional(spec.inputHeight(), spec.inputWidth(), spec.inputChannels());
    }

    private static ComputationGraphConfiguration build(ModelSpec spec, TrunkArchitecture trunk, InputType input,
            Part part) {
        IUpdater updater = spec.optimizer().toUpdater();
        double decay = spec.optimizer().weightDecay();
        NeuralNetConfiguration.Builder nn = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                // DL4J's default activation is sigmoid; a layer that names none must be linear.
                .activation(Activation.IDENTITY)
                // Keep each convolution's pre-activation from the forward pass for backprop; without
                // it DL4J recomputes every convolution's forward pass during backprop.
                .cacheMode(CacheMode.DEVICE)
                .dataType(spec.dataType())
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (decay > 0) {
            nn.l2(decay);
        }
        TrunkContext ctx = new TrunkContext(spec.inputHeight(), spec.inputWidth(), spec.seed(), updater);
        GraphBuilder g = nn.graphBuilder();
        if (part == Part.TRUNK) {
            g.addInputs(INSTANCES).setInputTypes(input);
            return g.setOutputs(trunk.addTo(g, INSTANCES, ctx)).build();
        }
        String pooled = BagScoring.of(spec.aggregation()).addBody(g, spec, trunk, ctx, input);
        g.addLayer(HEAD, new OutputLayer.Builder(spec.loss().create())
                        .nOut(spec.numLabels()).activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build(),
                        pooled)
                .setOutputs(HEAD);
        return g.build();
    }

    static String pool(GraphBuilder g, String maps) {
        g.addLayer(POOL, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), maps);
        return POOL;
    }
}
