package org.dragnj.model.trunk;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/** Stages of 3x3 conv → BN → ReLU → 2x2 max pool; the output is /2^stages of the input. */
final class SmallCnnTrunk implements TrunkArchitecture {

    private final int[] channels;

    SmallCnnTrunk(int... channels) {
        this.channels = channels.clone();
    }

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        String last = input;
        for (int s = 0; s < channels.length; s++) {
            String p = "cnn" + (s + 1) + "_";
            graph.addLayer(p + "conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(channels[s])
                            .hasBias(false).activation(Activation.IDENTITY).build(), last)
                    // DL4J's BatchNormalization ignores an activation function: the ReLU is its own layer
                    .addLayer(p + "bn", new BatchNormalization.Builder().activation(Activation.IDENTITY).build(),
                            p + "conv")
                    .addLayer(p + "relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), p + "bn")
                    .addLayer(p + "pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                            .build(), p + "relu");
            last = p + "pool";
        }
        return last;
    }
}
