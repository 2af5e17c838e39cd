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
 * {@link TorchvisionResNetTrunk} plus pooling and classifier. DJL's own ResNetV1 differs (stride on
 * the first 1x1 convolution, biases, a bottleneck "ResNet-18"), which would not compare like for like.
 */
final class DjlResNets {

    private DjlResNets() {
    }

    static Block classifier(ResNetGeometry geometry, int classes) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(7, 2, 3, 64))
                .add(BatchNorm.builder().build())
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
                SequentialBlock branch = new SequentialBlock();
                if (basic) {
                    branch.add(conv(3, stride, 1, w)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                            .add(conv(3, 1, 1, w)).add(BatchNorm.builder().build());
                } else {
                    branch.add(conv(1, 1, 0, w)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                            .add(conv(3, stride, 1, w)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                            .add(conv(1, 1, 0, out)).add(BatchNorm.builder().build());
                }
                Block shortcut = stride != 1 || in != out
                        ? new SequentialBlock().add(conv(1, stride, 0, out)).add(BatchNorm.builder().build())
                        : Blocks.identityBlock();
                net.add(new ParallelBlock(list -> new NDList(Activation.relu(
                        list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))),
                        Arrays.asList(branch, shortcut)));
                in = out;
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Block conv(int kernel, int stride, int padding, int filters) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding)).setFilters(filters).optBias(false).build();
    }
}
