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
 * ResNet with torchvision's geometry, which the authors' PyTorch code uses: 7x7/2 stem conv,
 * 3x3/2 max pool, four stages (64, 128, 256, 512 base channels) whose first block downsamples
 * (stages 2–4) through its 3x3 convolution, projection shortcuts where the shape changes, no
 * biases before BatchNorm. Layer names follow torchvision's module names ("layer2.0.conv1").
 *
 * <p>ResNet-18: basic blocks [2, 2, 2, 2], 512 output channels; a 180x320 FlyExpress image gives
 * [512, 6, 10]. ResNet-50: bottleneck blocks [3, 4, 6, 3] (expansion 4), 2048 output channels.
 */
public final class TorchvisionResNetTrunk implements TrunkArchitecture {

    /** Residual block type and its channel expansion. */
    public enum Block {
        BASIC(1), BOTTLENECK(4);

        private final int expansion;

        Block(int expansion) {
            this.expansion = expansion;
        }
    }

    private static final int[] WIDTHS = {64, 128, 256, 512};
    private static final int STEM_WIDTH = 64;

    static final TorchvisionResNetTrunk RESNET18 = new TorchvisionResNetTrunk(Block.BASIC, 2, 2, 2, 2);
    static final TorchvisionResNetTrunk RESNET50 = new TorchvisionResNetTrunk(Block.BOTTLENECK, 3, 4, 6, 3);

    private final Block block;
    private final int[] depths;
    private final int widthDivisor;

    public TorchvisionResNetTrunk(Block block, int... depths) {
        this(block, 1, depths.clone());
    }

    /**
     * A ResNet with every width (stem and stages) divided by {@code widthDivisor}: the same geometry at
     * a fraction of the parameters, for tests against torchvision.
     */
    public static TorchvisionResNetTrunk narrow(Block block, int widthDivisor, int... depths) {
        return new TorchvisionResNetTrunk(block, widthDivisor, depths.clone());
    }

    private TorchvisionResNetTrunk(Block block, int widthDivisor, int[] depths) {
        if (depths.length != WIDTHS.length) {
            throw new IllegalArgumentException("a ResNet has 4 stages, got " + depths.length);
        }
        if (widthDivisor < 1 || STEM_WIDTH % widthDivisor != 0) {
            throw new IllegalArgumentException("the width divisor must divide 64, got " + widthDivisor);
        }
        this.block = block;
        this.depths = depths;
        this.widthDivisor = widthDivisor;
    }

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        graph.addLayer("conv1", conv(7, 2, 3, STEM_WIDTH / widthDivisor), input)
                .addLayer("bn1", bn(), "conv1")
                .addLayer("relu", relu(), "bn1")
                .addLayer("maxpool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .padding(1, 1).build(), "relu");
        String last = "maxpool";
        int channels = STEM_WIDTH / widthDivisor;
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            int width = WIDTHS[stage] / widthDivisor;
            for (int b = 0; b < depths[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                String name = "layer" + (stage + 1) + "." + b;
                last = block == Block.BASIC ? basicBlock(graph, name, last, width, stride)
                        : bottleneck(graph, name, last, channels, width, stride);
                channels = width * block.expansion;
            }
        }
        return last;
    }

    /** Two 3x3 convs with BN, identity or 1x1 projection shortcut; returns the block's output vertex. */
    static String basicBlock(GraphBuilder graph, String name, String input, int width, int stride) {
        graph.addLayer(name + ".conv1", conv(3, stride, 1, width), input)
                .addLayer(name + ".bn1", bn(), name + ".conv1")
                .addLayer(name + ".relu1", relu(), name + ".bn1")
                .addLayer(name + ".conv2", conv(3, 1, 1, width), name + ".relu1")
                .addLayer(name + ".bn2", bn(), name + ".conv2");
        return residual(graph, name, input, name + ".bn2", stride != 1, width, stride);
    }

    /** 1x1 reduce, 3x3 (carrying the stride), 1x1 expand by 4, each with BN. */
    static String bottleneck(GraphBuilder graph, String name, String input, int inChannels, int width, int stride) {
        int out = width * Block.BOTTLENECK.expansion;
        graph.addLayer(name + ".conv1", conv(1, 1, 0, width), input)
                .addLayer(name + ".bn1", bn(), name + ".conv1")
                .addLayer(name + ".relu1", relu(), name + ".bn1")
                .addLayer(name + ".conv2", conv(3, stride, 1, width), name + ".relu1")
                .addLayer(name + ".bn2", bn(), name + ".conv2")
                .addLayer(name + ".relu2", relu(), name + ".bn2")
                .addLayer(name + ".conv3", conv(1, 1, 0, out), name + ".relu2")
                .addLayer(name + ".bn3", bn(), name + ".conv3");
        return residual(graph, name, input, name + ".bn3", stride != 1 || inChannels != out, out, stride);
    }

    private static String residual(GraphBuilder graph, String name, String input, String branch, boolean project,
            int out, int stride) {
        String shortcut = input;
        if (project) {
            graph.addLayer(name + ".downsample.0", conv(1, stride, 0, out), input)
                    .addLayer(name + ".downsample.1", bn(), name + ".downsample.0");
            shortcut = name + ".downsample.1";
        }
        graph.addVertex(name + ".add", new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut)
                .addLayer(name + ".relu", relu(), name + ".add");
        return name + ".relu";
    }

    private static ConvolutionLayer conv(int kernel, int stride, int padding, int out) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
                .nOut(out).hasBias(false).activation(Activation.IDENTITY).build();
    }

    /**
     * BatchNorm, always linear: DL4J's BatchNormalization layer ignores its activation function (M2.1),
     * so a ReLU after it must be a layer of its own.
     */
    private static BatchNormalization bn() {
        return new BatchNormalization.Builder().activation(Activation.IDENTITY).build();
    }

    private static ActivationLayer relu() {
        return new ActivationLayer.Builder().activation(Activation.RELU).build();
    }
}
