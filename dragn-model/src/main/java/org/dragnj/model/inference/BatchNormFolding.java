package org.dragnj.model.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An inference copy of a graph in which every BatchNormalization that directly follows a plain
 * convolution (its only consumer, no activation between) is folded into that convolution: with
 * s = γ / √(σ² + ε) per output channel, W' = W·s and b' = (b − μ)·s + β. At inference BatchNorm is
 * that affine map of the running statistics, so the outputs are the same up to float rounding, and
 * a ResNet pass saves one read and write of every feature map (and DL4J's per-call 10^log10σ).
 *
 * <p>The copy is for scoring only: it has no BatchNorm left to train, and its running statistics
 * are baked into the weights. The original graph is not changed.
 */
public final class BatchNormFolding {

    /** The folded graph and which BatchNorm layers went into which convolution. */
    public record Folded(ComputationGraph graph, Map<String, String> batchNormIntoConvolution) {
    }

    private BatchNormFolding() {
    }

    public static Folded fold(ComputationGraph trained) {
        ComputationGraphConfiguration conf = trained.getConfiguration().clone();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Map<String, String> folds = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : new ArrayList<>(vertices.entrySet())) {
            String bn = e.getKey();
            if (foldable(conf, bn)) {
                folds.put(bn, inputs.get(bn).get(0));
            }
        }
        for (Map.Entry<String, String> f : folds.entrySet()) {
            String bn = f.getKey();
            String conv = f.getValue();
            ((ConvolutionLayer) ((LayerVertex) vertices.get(conv)).getLayerConf().getLayer()).setHasBias(true);
            for (List<String> in : inputs.values()) {
                in.replaceAll(name -> name.equals(bn) ? conv : name);
            }
            conf.getNetworkOutputs().replaceAll(name -> name.equals(bn) ? conv : name);
            vertices.remove(bn);
            inputs.remove(bn);
        }
        ComputationGraph folded = new ComputationGraph(conf);
        folded.init();
        for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : folded.getVertices()) {
            String name = v.getVertexName();
            if (v.numParams() == 0) {
                continue;
            }
            if (folds.containsValue(name)) {
                String bn = folds.entrySet().stream().filter(f -> f.getValue().equals(name)).findFirst().orElseThrow()
                        .getKey();
                foldInto(folded, name, trained, bn);
            } else {
                v.params().assign(trained.getVertex(name).params());
            }
        }
        return new Folded(folded, folds);
    }

    /** A BatchNorm whose one input is a plain convolution with no activation that feeds nothing else. */
    private static boolean foldable(ComputationGraphConfiguration conf, String name) {
        GraphVertex v = conf.getVertices().get(name);
        if (!(v instanceof LayerVertex lv) || !(lv.getLayerConf().getLayer() instanceof BatchNormalization bn)
                || lv.getPreProcessor() != null || bn.isLockGammaBeta()) {
            return false;
        }
        List<String> in = conf.getVertexInputs().get(name);
        if (in == null || in.size() != 1) {
            return false;
        }
        String convName = in.get(0);
        GraphVertex c = conf.getVertices().get(convName);
        if (!(c instanceof LayerVertex cv) || cv.getLayerConf().getLayer().getClass() != ConvolutionLayer.class) {
            return false;
        }
        ConvolutionLayer conv = (ConvolutionLayer) cv.getLayerConf().getLayer();
        if (!(conv.getActivationFn() instanceof ActivationIdentity) || conf.getNetworkOutputs().contains(convName)) {
            return false;
        }
        long consumers = conf.getVertexInputs().values().stream().filter(l -> l.contains(convName)).count();
        return consumers == 1;
    }

    private static void foldInto(ComputationGraph folded, String conv, ComputationGraph trained, String bn) {
        org.deeplearning4j.nn.api.Layer bnLayer = trained.getLayer(bn);
        BatchNormalization bnConf = (BatchNormalization) bnLayer.conf().getLayer();
        INDArray mean = bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1);
        INDArray var;
        if (bnConf.isUseLogStd()) {
            INDArray log10std = bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).reshape(-1);
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10std.shape(), 10.0, log10std.dataType()), log10std,
                    false);
            var = std.mul(std);
        } else {
            var = bnLayer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(-1);
        }
        INDArray gamma = bnLayer.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(-1);
        INDArray beta = bnLayer.getParam(BatchNormalizationParamInitializer.BETA).reshape(-1);
        INDArray scale = gamma.div(Transforms.sqrt(var.add(bnConf.getEps()), false));
        org.deeplearning4j.nn.api.Layer convTrained = trained.getLayer(conv);
        INDArray w = convTrained.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray b = ((ConvolutionLayer) convTrained.conf().getLayer()).hasBias()
                ? convTrained.getParam(ConvolutionParamInitializer.BIAS_KEY).reshape(-1)
                : Nd4j.zeros(w.dataType(), w.size(0));
        org.deeplearning4j.nn.api.Layer target = folded.getLayer(conv);
        // scale each output channel's filter: [nOut, nIn·kH·kW] rows times a column of scales
        INDArray scaled = w.dup('c').reshape('c', w.size(0), -1).muliColumnVector(scale.reshape(w.size(0), 1));
        target.getParam(ConvolutionParamInitializer.WEIGHT_KEY).assign(scaled.reshape('c', w.shape()));
        INDArray foldedBias = b.sub(mean).muli(scale).addi(beta);
        INDArray bias = target.getParam(ConvolutionParamInitializer.BIAS_KEY);
        bias.assign(foldedBias.reshape(bias.shape()));
    }
}
