package org.dragnj.model.testing;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TrunkContext;
import org.nd4j.linalg.activations.Activation;

/**
 * One 3x3 same-padded tanh convolution: a trunk small enough for gradient checks (few parameters,
 * smooth activation) that still produces maps [C, h, w] for the aggregation.
 */
public final class TinyTrunk implements TrunkArchitecture {

    private final int channels;

    public TinyTrunk(int channels) {
        this.channels = channels;
    }

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        graph.addLayer("tiny_conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(channels)
                .activation(Activation.TANH).build(), input);
        return "tiny_conv";
    }
}
