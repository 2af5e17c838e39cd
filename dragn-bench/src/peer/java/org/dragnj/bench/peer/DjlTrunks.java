package org.dragnj.bench.peer;

import org.dragnj.model.trunk.Trunk;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;

/** The peer's trunks: DJL blocks with DL4J's geometry and layer names, for each {@link Trunk} the peer runs. */
final class DjlTrunks {

    /**
     * {@link Trunk#SMALL_CNN}'s stage widths. Its class is package-private in dragn-model; a drift
     * there fails the weight copy (shapes differ) rather than passing unnoticed.
     */
    private static final int[] SMALL_CNN_CHANNELS = {16, 32, 64};

    private DjlTrunks() {
    }

    static SequentialBlock of(Trunk trunk, WeightBindings weights) {
        return switch (trunk) {
            case SMALL_CNN -> smallCnn(weights);
            case RESNET18 -> DjlResNets.trunk(ResNetGeometry.RESNET18, weights);
            case RESNET50 -> DjlResNets.trunk(ResNetGeometry.RESNET50, weights);
            default -> throw new IllegalArgumentException("the peer has no DJL twin of " + trunk);
        };
    }

    /** Stages of 3x3 conv (no bias) → BN → ReLU → 2x2/2 max pool, named as DL4J's "cnn1_conv". */
    private static SequentialBlock smallCnn(WeightBindings weights) {
        SequentialBlock net = new SequentialBlock();
        for (int s = 0; s < SMALL_CNN_CHANNELS.length; s++) {
            String p = "cnn" + (s + 1) + "_";
            net.add(DjlResNets.conv(weights, p + "conv", 3, 1, 1, SMALL_CNN_CHANNELS[s]))
                    .add(DjlResNets.bn(weights, p + "bn"))
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        return net;
    }
}
