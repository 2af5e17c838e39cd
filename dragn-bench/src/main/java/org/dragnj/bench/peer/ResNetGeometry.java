package org.dragnj.bench.peer;

import org.dragnj.model.trunk.TorchvisionResNetTrunk;

/**
 * Analytic multiply-accumulate count of a torchvision-geometry ResNet classifier (convolutions and
 * the final fully connected layer; BatchNorm, ReLU, pooling and additions are ignored, as is
 * customary). A training step is counted as three forward passes: forward, gradient with respect
 * to activations, gradient with respect to weights.
 *
 * @param name    "resnet18" or "resnet50"
 * @param block   residual block type
 * @param depths  blocks per stage
 */
public record ResNetGeometry(String name, TorchvisionResNetTrunk.Block block, int[] depths) {

    public static final ResNetGeometry RESNET18 = new ResNetGeometry("resnet18", TorchvisionResNetTrunk.Block.BASIC,
            new int[] {2, 2, 2, 2});
    public static final ResNetGeometry RESNET50 = new ResNetGeometry("resnet50",
            TorchvisionResNetTrunk.Block.BOTTLENECK, new int[] {3, 4, 6, 3});

    public static ResNetGeometry named(String name) {
        return switch (name) {
            case "resnet18" -> RESNET18;
            case "resnet50" -> RESNET50;
            default -> throw new IllegalArgumentException("unknown model " + name + "; use resnet18 or resnet50");
        };
    }

    public TorchvisionResNetTrunk trunk() {
        return new TorchvisionResNetTrunk(block, depths);
    }

    public int outputChannels() {
        return 512 * (block == TorchvisionResNetTrunk.Block.BASIC ? 1 : 4);
    }

    /** Multiply-accumulates of one forward pass of one image of size x size with a classes-way head. */
    public long forwardMacs(int size, int classes) {
        long macs = 0;
        int s = out(size, 7, 2, 3);
        macs += conv(s, 3, 64, 7);
        s = out(s, 3, 2, 1);
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < depths[stage]; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                int w = widths[stage];
                int so = out(s, 3, stride, 1);
                if (block == TorchvisionResNetTrunk.Block.BASIC) {
                    macs += conv(so, in, w, 3) + conv(so, w, w, 3);
                    if (stride != 1 || in != w) {
                        macs += conv(so, in, w, 1);
                    }
                    in = w;
                } else {
                    int o = 4 * w;
                    macs += conv(s, in, w, 1) + conv(so, w, w, 3) + conv(so, w, o, 1);
                    if (stride != 1 || in != o) {
                        macs += conv(so, in, o, 1);
                    }
                    in = o;
                }
                s = so;
            }
        }
        return macs + (long) in * classes;
    }

    public double forwardGflop(int size, int classes, int batch) {
        return 2.0 * forwardMacs(size, classes) * batch / 1e9;
    }

    public double trainStepGflop(int size, int classes, int batch) {
        return 3 * forwardGflop(size, classes, batch);
    }

    private static int out(int size, int kernel, int stride, int pad) {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    private static long conv(int outSize, int in, int out, int kernel) {
        return (long) outSize * outSize * in * out * kernel * kernel;
    }
}
