package org.dragnj.bench.peer;

import java.util.ArrayList;
import java.util.List;

import org.dragnj.model.aggregation.dragn.UnitArchitecture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Algorithm 1 with batched tensor ops, as a PyTorch user would write it: every feature channel of
 * every bag is one sample (a slab of the bag's m maps of that channel), and a round stacks each
 * window's three consecutive maps as the 3 input channels of one batched 3x3 convolution over all
 * windows of all slabs. Hidden stages (L2, L3) are BatchNorm(3) + ReLU over that whole round, so their statistics
 * and running-average updates are per round, as in DL4J's kernel. Two maps left are averaged, one
 * is the result.
 *
 * <p>The unit's 3x3 convolutions are written as nine shifted slices and one batched matmul rather than
 * conv2d: libtorch 2.7.1's CPU conv2d (and conv3d) backward computes a wrong input gradient for fewer
 * than 16 output channels on this machine's AVX2/AVX-512 kernels (nondeterministic, at times NaN;
 * correct with {@code ONEDNN_MAX_CPU_ISA=SSE41}), and the unit has 1 or 3. The forward values are the
 * same either way; PeerModelCheck's second-step loss catches the wrong gradient.
 *
 * <p>Input [B·n, C, h, w] (bags of equal length n, in bag order), output [B, C, h, w]. Parameters
 * are bound to the DL4J vertex's W0/b0, gamma0/beta0/mean0/var0, W1, ….
 */
final class DjlDragnUnit extends AbstractBlock {

    private final int length;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final UnitArchitecture arch;

    DjlDragnUnit(UnitArchitecture arch, int length, String vertex, WeightBindings bindings) {
        this.arch = arch;
        this.length = length;
        for (int k = 0; k < arch.convolutions(); k++) {
            String w = UnitArchitecture.weight(k);
            String b = UnitArchitecture.bias(k);
            weights.add(addParameter(Parameter.builder().setName(w).setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(arch.outChannels(k), arch.inChannels(k), 3, 3)).build()));
            biases.add(addParameter(Parameter.builder().setName(b).setType(Parameter.Type.BIAS)
                    .optShape(new Shape(arch.outChannels(k))).build()));
            bindings.vertex(vertex, w, this, w);
            bindings.vertex(vertex, b, this, b);
            if (arch.batchNorm() && k < arch.convolutions() - 1) {
                BatchNorm bn = addChildBlock("bn" + k, BatchNorm.builder().build());
                bindings.vertex(vertex, UnitArchitecture.gamma(k), bn, "gamma");
                bindings.vertex(vertex, UnitArchitecture.beta(k), bn, "beta");
                bindings.vertex(vertex, UnitArchitecture.runningMean(k), bn, "runningMean");
                bindings.vertex(vertex, UnitArchitecture.runningVar(k), bn, "runningVar");
                norms.add(bn);
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long bags = s.get(0) / length;
        long slabs = bags * c;
        NDArray planes = x.reshape(bags, length, c, h, w).transpose(0, 2, 1, 3, 4).reshape(slabs, length, h, w);
        int m = length;
        while (m >= 3) {
            int windows = m - 2;
            NDArray stacked = NDArrays.stack(new NDList(planes.get(new NDIndex(":, 0:{}", windows)),
                    planes.get(new NDIndex(":, 1:{}", windows + 1)), planes.get(new NDIndex(":, 2:{}", windows + 2))), 2);
            planes = unit(ps, stacked.reshape(slabs * windows, 3, h, w), training).reshape(slabs, windows, h, w);
            m -= 2;
        }
        NDArray result = m == 2 ? planes.mean(new int[] {1}) : planes.squeeze(1);
        return new NDList(result.reshape(bags, c, h, w));
    }

    /** One application of the unit to every window of the round: [windows, 3, h, w] → [windows, 1, h, w]. */
    private NDArray unit(ParameterStore ps, NDArray windows, boolean training) {
        NDArray z = windows;
        for (int k = 0; k < weights.size(); k++) {
            z = conv3x3(z, ps.getValue(weights.get(k), z.getDevice(), training),
                    ps.getValue(biases.get(k), z.getDevice(), training));
            if (k < weights.size() - 1) {
                if (arch.batchNorm()) {
                    z = norms.get(k).forward(ps, new NDList(z), training).singletonOrThrow();
                }
                z = Activation.relu(z);
            }
        }
        return z;
    }

    /** Correlation with padding 1 of [N, in, h, w] by weight [out, in, 3, 3] plus bias [out]: im2col and matmul. */
    private static NDArray conv3x3(NDArray x, NDArray weight, NDArray bias) {
        Shape s = x.getShape();
        long n = s.get(0);
        long in = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        long out = weight.getShape().get(0);
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        NDList taps = new NDList(9);
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                taps.add(padded.get(new NDIndex(":, :, {}:{}, {}:{}", dy, dy + h, dx, dx + w)));
            }
        }
        // [N, in, 9, h, w]: row (c·9 + tap) meets the weight's (c, dy, dx) in its 'c' order
        NDArray columns = NDArrays.stack(taps, 2).reshape(n, in * 9, h * w);
        return weight.reshape(out, in * 9).matMul(columns).add(bias.reshape(1, out, 1)).reshape(n, out, h, w);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0) / length, s.get(1), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (BatchNorm bn : norms) {
            bn.initialize(manager, dataType, new Shape(1, UnitArchitecture.HIDDEN, s.get(2), s.get(3)));
        }
    }
}
