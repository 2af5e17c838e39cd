package org.dragnj.model.trunk;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * ResNet-18 with torchvision's geometry: 7x7/2 stem conv, 3x3/2 max pool, four stages of two basic
 * blocks (64, 128, 256, 512 channels; stages 2–4 downsample with a 1x1/2 projection shortcut).
 * A 180x320 FlyExpress image gives [512, 6, 10]. Layer names follow torchvision's module names.
 */
final class ResNet18Trunk implements TrunkArchitecture {

    private static final int[] WIDTHS = {64, 128, 256, 512};

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        graph.addLayer("conv1", conv(7, 2, 3, 64), input)
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("relu1", relu(), "bn1")
                .addLayer("maxpool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .padding(1, 1).build(), "relu1");
        String last = "maxpool";
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int block = 0; block < 2; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                last = basicBlock(graph, "layer" + (stage + 1) + "." + block, last, WIDTHS[stage], stride);
            }
        }
        return last;
    }

    /** Adds one basic block (two 3x3 convs, BN, identity or 1x1 projection shortcut); returns its output. */
    static String basicBlock(GraphBuilder graph, String name, String input, int width, int stride) {
        graph.addLayer(name + ".conv1", conv(3, stride, 1, width), input)
                .addLayer(name + ".bn1", new BatchNormalization.Builder().build(), name + ".conv1")
                .addLayer(name + ".relu1", relu(), name + ".bn1")
                .addLayer(name + ".conv2", conv(3, 1, 1, width), name + ".relu1")
                .addLayer(name + ".bn2", new BatchNormalization.Builder().build(), name + ".conv2");
        String shortcut = input;
        if (stride != 1) {
            graph.addLayer(name + ".downsample.0", conv(1, stride, 0, width), input)
                    .addLayer(name + ".downsample.1", new BatchNormalization.Builder().build(), name + ".downsample.0");
            shortcut = name + ".downsample.1";
        }
        graph.addVertex(name + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + ".bn2", shortcut)
                .addLayer(name + ".relu", relu(), name + ".add");
        return name + ".relu";
    }

    private static ConvolutionLayer conv(int kernel, int stride, int padding, int out) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(out).hasBias(false).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
