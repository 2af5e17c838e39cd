package org.dragnj.bench.peer;

import java.util.Arrays;

import org.dragnj.model.trunk.TorchvisionResNetTrunk;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The torchvision ResNet geometry in DJL blocks, layer for layer the same as DL4J's
 * {@link TorchvisionResNetTrunk} (with its layer names bound, so DL4J's weights can be copied in),
 * plus pooling and classifier. DJL's own ResNetV1 differs (stride on the first 1x1 convolution,
 * biases, a bottleneck "ResNet-18"), which would not compare like for like.
 */
final class DjlResNets {

    private DjlResNets() {
    }

    static Block classifier(ResNetGeometry geometry, int classes) {
        return trunk(geometry, new WeightBindings())
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** The trunk without pooling, its layers bound to DL4J's names ("layer2.0.conv1"). */
    static SequentialBlock trunk(ResNetGeometry geometry, WeightBindings weights) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(weights, "conv1", 7, 2, 3, 64))
                .add(bn(weights, "bn1"))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int[] widths = {64, 128, 256, 512};
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < geometry.depths()[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                int w = widths[stage];
                boolean basic = geometry.block() == TorchvisionResNetTrunk.Block.BASIC;
                int out = basic ? w : 4 * w;
                String name = "layer" + (stage + 1) + "." + b;
                SequentialBlock branch = new SequentialBlock();
                if (basic) {
                    branch.add(conv(weights, name + ".conv1", 3, stride, 1, w)).add(bn(weights, name + ".bn1"))
                            .add(Activation.reluBlock())
                            .add(conv(weights, name + ".conv2", 3, 1, 1, w)).add(bn(weights, name + ".bn2"));
                } else {
                    branch.add(conv(weights, name + ".conv1", 1, 1, 0, w)).add(bn(weights, name + ".bn1"))
                            .add(Activation.reluBlock())
                            .add(conv(weights, name + ".conv2", 3, stride, 1, w)).add(bn(weights, name + ".bn2"))
                            .add(Activation.reluBlock())
                            .add(conv(weights, name + ".conv3", 1, 1, 0, out)).add(bn(weights, name + ".bn3"));
                }
                Block shortcut = stride != 1 || in != out
                        ? new SequentialBlock().add(conv(weights, name + ".downsample.0", 1, stride, 0, out))
                                .add(bn(weights, name + ".downsample.1"))
                        : Blocks.identityBlock();
                net.add(new ParallelBlock(list -> new NDList(Activation.relu(
                        list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))),
                        Arrays.asList(branch, shortcut)));
                in = out;
            }
        }
        return net;
    }

    /** A convolution without bias (BatchNorm follows), as torchvision and DL4J's trunk have it. */
    static Conv2d conv(WeightBindings weights, String layer, int kernel, int stride, int padding, int filters) {
        return weights.conv(layer, Conv2d.builder().setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).setFilters(filters)
                .optBias(false).build(), false);
    }

    static BatchNorm bn(WeightBindings weights, String layer) {
        return weights.batchNorm(layer, BatchNorm.builder().build());
    }
}
