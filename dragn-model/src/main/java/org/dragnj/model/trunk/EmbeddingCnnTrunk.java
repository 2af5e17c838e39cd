package org.dragnj.model.trunk;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The embedding trunk of attention-based MIL (Ilse, Tomczak and Welling 2018) for small images:
 * two stages of k×k convolution → ReLU → 2×2 max pooling, then a fully connected layer with ReLU to
 * an embedding of each instance. The fully connected layer is written as a convolution whose kernel
 * covers the whole remaining map, so each instance's embedding comes out as a [E, 1, 1] map: every
 * aggregation takes it, DRAGN's unit included (on 1×1 maps only the centre tap of its 3×3
 * convolutions sees data).
 */
final class EmbeddingCnnTrunk implements TrunkArchitecture {

    private final int conv1;
    private final int conv2;
    private final int embedding;
    private final int kernel;

    /** @param kernel side of both convolutions (5 in the reference, on 28×28 digits: 28 → 24 → 12 → 8 → 4) */
    EmbeddingCnnTrunk(int conv1, int conv2, int embedding, int kernel) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.embedding = embedding;
        this.kernel = kernel;
    }

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        int h = remaining(context.inputHeight());
        int w = remaining(context.inputWidth());
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("the embedding trunk needs inputs of at least " + (3 * kernel + 1)
                    + " pixels a side (two " + kernel + "x" + kernel + " convolutions and 2x2 poolings); got "
                    + context.inputHeight() + "x" + context.inputWidth());
        }
        graph.addLayer("emb1_conv", conv(kernel, kernel, conv1), input)
                .addLayer("emb1_pool", pool(), "emb1_conv")
                .addLayer("emb2_conv", conv(kernel, kernel, conv2), "emb1_pool")
                .addLayer("emb2_pool", pool(), "emb2_conv")
                .addLayer("emb_fc", conv(h, w, embedding), "emb2_pool");
        return "emb_fc";
    }

    /** Side left after conv → pool → conv → pool (no padding, floor division as in the reference). */
    private int remaining(int side) {
        return ((side - kernel + 1) / 2 - kernel + 1) / 2;
    }

    private static ConvolutionLayer conv(int kh, int kw, int out) {
        return new ConvolutionLayer.Builder(kh, kw).stride(1, 1).nOut(out).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }
}
