package org.dragnj.bench.hardware;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * Multiply-accumulates of one forward pass of one example through a DL4J graph, counted from its
 * layer shapes: convolutions (output pixels × nOut × nIn × kH × kW) and fully connected layers
 * (nIn × nOut). BatchNorm, activations, pooling, additions and custom vertices are not counted,
 * as is customary (see {@code ResNetGeometryTest}, which checks this count against torchvision's).
 * FLOPs are 2 × MACs; a training step is counted as 3 forward passes.
 */
public final class GraphFlops {

    private GraphFlops() {
    }

    public static long forwardMacs(ComputationGraphConfiguration conf, InputType... inputs) {
        Map<String, InputType> types = conf.getLayerActivationTypes(inputs);
        long macs = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            var layer = lv.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer c) {
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) types.get(v.getKey());
                macs += out.getHeight() * out.getWidth() * c.getNOut() * c.getNIn() * c.getKernelSize()[0]
                        * c.getKernelSize()[1];
            } else if (layer instanceof DenseLayer d) {
                macs += d.getNIn() * d.getNOut();
            } else if (layer instanceof OutputLayer fc) {
                macs += fc.getNIn() * fc.getNOut();
            }
        }
        return macs;
    }

    public static double forwardFlops(ComputationGraphConfiguration conf, InputType... inputs) {
        return 2.0 * forwardMacs(conf, inputs);
    }
}
