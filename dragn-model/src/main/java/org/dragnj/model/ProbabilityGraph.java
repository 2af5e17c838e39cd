package org.dragnj.model;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a model's graph whose output is the probabilities themselves rather than a loss, so that
 * backprop can start from any error at the output. DL4J takes external errors only when the output
 * is not an output layer, and keeps the gradient of a graph input only until the vertices are
 * cleared; this subclass runs backprop without clearing them, outside workspaces (a workspace would
 * recycle the input gradient's memory before it is read).
 */
final class ProbabilityGraph extends ComputationGraph {

    private ProbabilityGraph(ComputationGraphConfiguration conf) {
        super(conf);
    }

    /** The same parameters as {@code graph}; refused for graphs with DL4J BatchNormalization layers (see below). */
    static ProbabilityGraph of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (v.getValue() instanceof LayerVertex l && l.getLayerConf().getLayer() instanceof BatchNormalization) {
                // Its backprop differentiates through the batch statistics even after an inference
                // forward pass, which normalises with the running ones: the gradient would be wrong.
                throw new IllegalArgumentException("gradients of the predicted scores cannot pass DL4J's"
                        + " BatchNormalization layer " + v.getKey() + " (its backprop assumes batch statistics);"
                        + " take them with respect to the trunk's features, on the head of FrozenTrunk.of(model)");
            }
        }
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        LayerVertex head = (LayerVertex) conf.getVertices().get(ModelGraphFactory.HEAD);
        head.getLayerConf().setLayer(probabilities((BaseOutputLayer) head.getLayerConf().getLayer()));
        head.setOutputVertex(true);
        ProbabilityGraph copy = new ProbabilityGraph(conf);
        // A dense layer holds the same parameters as the output layer, in the same order (W, b).
        copy.init(graph.params().dup(), false);
        if (copy.getVertex(ModelGraphFactory.AGGREGATE) instanceof BagVertexImpl<?> aggregate) {
            aggregate.keepInferenceState(true);
        }
        return copy;
    }

    private static DenseLayer probabilities(BaseOutputLayer output) {
        DenseLayer dense = new DenseLayer.Builder().nIn(output.getNIn()).nOut(output.getNOut())
                .activation(output.getActivationFn()).name(output.getLayerName()).build();
        dense.setWeightInitFn(output.getWeightInitFn());
        dense.setBiasInit(output.getBiasInit());
        dense.setIUpdater(output.getIUpdater());
        dense.setBiasUpdater(output.getBiasUpdater());
        dense.setRegularization(output.getRegularization());
        dense.setRegularizationBias(output.getRegularizationBias());
        return dense;
    }

    /** Inference-mode forward pass that leaves every vertex's inputs in place for {@link #inputGradient}. */
    INDArray probabilities(INDArray[] inputs) {
        return feedForward(inputs, false, false).get(ModelGraphFactory.HEAD);
    }

    /** d(Σ outputGradient · probabilities) / d(input 0), after {@link #probabilities}. */
    INDArray inputGradient(INDArray outputGradient) {
        calcBackpropGradients(false, false, outputGradient);
        return getVertex(ModelGraphFactory.INSTANCES).getEpsilon().dup();
    }
}
