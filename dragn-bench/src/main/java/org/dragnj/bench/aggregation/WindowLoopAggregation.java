package org.dragnj.bench.aggregation;

import java.util.ArrayList;
import java.util.List;

import org.dragnj.model.aggregation.DetachedVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reference the batched DRAGN vertex is measured against: Algorithm 1 as a plain loop that
 * applies the aggregation unit once per window, the way a straightforward implementation (and the
 * authors' PyTorch code) does it. For each round and each window j it stacks the three maps
 * o_j, o_{j+1}, o_{j+2} [C, h, w] into [C, 3, h, w] (the three instances become the unit's three
 * input channels, the C feature channels its batch), runs the unit's convolutions through
 * libnd4j's {@code conv2d} op (ReLU between them) and keeps [C, h, w]; two maps left are averaged.
 *
 * <p>The backward pass is as honest as autograd would be over that loop: the training forward
 * keeps every window's stacked input and hidden pre-activations; backprop walks the rounds and
 * windows in reverse, one {@code conv2d_bp} per convolution per window, accumulates the unit's
 * weight and bias gradients over all windows and scatters each window's input gradient back onto
 * its three maps.
 *
 * <p>One bag at a time, units without BatchNorm (the configuration benchmarked).
 */
public final class WindowLoopAggregation {

    /** conv2d / conv2d_bp integer arguments: 3x3, stride 1, padding 1, dilation 1, explicit padding, NCHW, weights [out, in, kH, kW]. */
    private static final int[] CONV_ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};

    private final UnitArchitecture arch;
    private final INDArray[] weights;
    private final INDArray[] biases;

    public WindowLoopAggregation(UnitArchitecture arch, INDArray[] weights, INDArray[] biases) {
        if (arch.batchNorm()) {
            throw new IllegalArgumentException("the per-window loop implements units without BatchNorm");
        }
        if (weights.length != arch.convolutions() || biases.length != arch.convolutions()) {
            throw new IllegalArgumentException("need one weight and one bias array per convolution of " + arch);
        }
        this.arch = arch;
        this.weights = new INDArray[weights.length];
        this.biases = new INDArray[biases.length];
        for (int k = 0; k < weights.length; k++) {
            this.weights[k] = weights[k].dup('c').reshape('c', arch.outChannels(k), arch.inChannels(k),
                    UnitArchitecture.KERNEL, UnitArchitecture.KERNEL);
            this.biases[k] = biases[k].dup('c').reshape(arch.outChannels(k));
        }
    }

    /** The same unit (same parameter values) as a DRAGN vertex. */
    public static WindowLoopAggregation of(DetachedVertex vertex, UnitArchitecture arch) {
        INDArray[] w = new INDArray[arch.convolutions()];
        INDArray[] b = new INDArray[arch.convolutions()];
        for (int k = 0; k < w.length; k++) {
            w[k] = vertex.param(UnitArchitecture.weight(k));
            b[k] = vertex.param(UnitArchitecture.bias(k));
        }
        return new WindowLoopAggregation(arch, w, b);
    }

    public UnitArchitecture unit() {
        return arch;
    }

    /** What a training forward pass keeps for backprop. */
    public static final class Trace {
        private final List<List<Window>> rounds = new ArrayList<>();
        private int instances;
        private int finalMaps;
        private long[] mapShape;
        private INDArray output;

        /** The aggregated bag [1, C, h, w]. */
        public INDArray output() {
            return output;
        }
    }

    /** One window's unit application: its stacked input and each hidden convolution's pre-activation and activation. */
    private record Window(INDArray input, List<INDArray> preActivations, List<INDArray> activations) {
    }

    /** Gradients of one backward pass. */
    public record Gradients(INDArray instances, INDArray[] weights, INDArray[] biases) {
    }

    /** Aggregates one bag of instance maps [n, C, h, w] into [1, C, h, w] (inference). */
    public INDArray forward(INDArray bag) {
        return run(bag, null);
    }

    /** As {@link #forward}, keeping what {@link #backward} needs. */
    public Trace forwardTraining(INDArray bag) {
        Trace t = new Trace();
        t.output = run(bag, t);
        return t;
    }

    private INDArray run(INDArray bag, Trace trace) {
        if (bag.rank() != 4) {
            throw new IllegalArgumentException("a bag is [n, C, h, w]; got rank " + bag.rank());
        }
        int n = Math.toIntExact(bag.size(0));
        long c = bag.size(1);
        long h = bag.size(2);
        long w = bag.size(3);
        List<INDArray> maps = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            maps.add(bag.get(NDArrayIndex.point(j), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()));
        }
        while (maps.size() >= 3) {
            int windows = maps.size() - 2;
            List<INDArray> next = new ArrayList<>(windows);
            List<Window> kept = trace == null ? null : new ArrayList<>(windows);
            for (int j = 0; j < windows; j++) {
                INDArray x = Nd4j.stack(1, maps.get(j), maps.get(j + 1), maps.get(j + 2)); // [C, 3, h, w]
                Window win = trace == null ? null : new Window(x, new ArrayList<>(), new ArrayList<>());
                next.add(unit(x, win).reshape('c', c, h, w));
                if (kept != null) {
                    kept.add(win);
                }
            }
            if (trace != null) {
                trace.rounds.add(kept);
            }
            maps = next;
        }
        INDArray out = maps.size() == 2 ? maps.get(0).add(maps.get(1)).muli(0.5) : maps.get(0).dup('c');
        if (trace != null) {
            trace.instances = n;
            trace.finalMaps = maps.size();
            trace.mapShape = new long[] {c, h, w};
        }
        return out.reshape('c', 1, c, h, w);
    }

    /** The unit on one window [C, 3, h, w] → [C, 1, h, w]. */
    private INDArray unit(INDArray x, Window keep) {
        INDArray a = x;
        for (int k = 0; k < arch.convolutions(); k++) {
            INDArray z = conv(a, weights[k], biases[k]);
            if (k == arch.convolutions() - 1) {
                return z;
            }
            a = relu(z);
            if (keep != null) {
                keep.preActivations.add(z);
                keep.activations.add(a);
            }
        }
        throw new AssertionError("a unit has at least one convolution");
    }

    /**
     * Backprop of a training forward pass: output gradient [1, C, h, w] → instance gradient
     * [n, C, h, w] and the unit's parameter gradients summed over every window.
     */
    public Gradients backward(Trace trace, INDArray outputGradient) {
        long[] s = trace.mapShape;
        INDArray d = outputGradient.reshape('c', s[0], s[1], s[2]);
        List<INDArray> dMaps = new ArrayList<>();
        if (trace.finalMaps == 2) {
            dMaps.add(d.mul(0.5));
            dMaps.add(d.mul(0.5));
        } else {
            dMaps.add(d.dup('c'));
        }
        INDArray[] dW = new INDArray[arch.convolutions()];
        INDArray[] dB = new INDArray[arch.convolutions()];
        for (int k = 0; k < dW.length; k++) {
            dW[k] = Nd4j.zeros(weights[k].dataType(), weights[k].shape());
            dB[k] = Nd4j.zeros(biases[k].dataType(), biases[k].shape());
        }
        for (int r = trace.rounds.size() - 1; r >= 0; r--) {
            List<Window> round = trace.rounds.get(r);
            List<INDArray> dIn = new ArrayList<>(round.size() + 2);
            for (int j = 0; j < round.size() + 2; j++) {
                dIn.add(Nd4j.zeros(d.dataType(), s));
            }
            for (int j = 0; j < round.size(); j++) {
                INDArray dx = unitBackward(round.get(j), dMaps.get(j).reshape('c', s[0], 1, s[1], s[2]), dW, dB);
                for (int dz = 0; dz < UnitArchitecture.WINDOW; dz++) {
                    dIn.get(j + dz).addi(dx.get(NDArrayIndex.all(), NDArrayIndex.point(dz), NDArrayIndex.all(),
                            NDArrayIndex.all()));
                }
            }
            dMaps = dIn;
        }
        if (dMaps.size() != trace.instances) {
            throw new IllegalStateException("backprop reached " + dMaps.size() + " maps for a bag of " + trace.instances);
        }
        return new Gradients(Nd4j.stack(0, dMaps.toArray(INDArray[]::new)), dW, dB);
    }

    private INDArray unitBackward(Window win, INDArray dOut, INDArray[] dW, INDArray[] dB) {
        INDArray dz = dOut;
        for (int k = arch.convolutions() - 1; k >= 0; k--) {
            INDArray input = k == 0 ? win.input : win.activations.get(k - 1);
            INDArray[] g = convBackward(input, weights[k], biases[k], dz);
            dW[k].addi(g[1]);
            dB[k].addi(g[2]);
            if (k == 0) {
                return g[0];
            }
            INDArray pre = win.preActivations.get(k - 1);
            dz = g[0].muli(pre.gt(0).castTo(pre.dataType()));
        }
        throw new AssertionError("a unit has at least one convolution");
    }

    /** max(0, z) as a new array (z is kept as the pre-activation). */
    private static INDArray relu(INDArray z) {
        return Transforms.relu(z, true);
    }

    /** x [N, in, h, w] → [N, out, h, w]: 3x3 convolution, zero padding 1, with bias. */
    static INDArray conv(INDArray x, INDArray w, INDArray b) {
        INDArray out = Nd4j.create(x.dataType(), x.size(0), w.size(0), x.size(2), x.size(3));
        Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(x, w, b).addOutputs(out)
                .addIntegerArguments(CONV_ARGS).build());
        return out;
    }

    /** Gradients of {@link #conv} with respect to x, w and b. */
    static INDArray[] convBackward(INDArray x, INDArray w, INDArray b, INDArray dOut) {
        INDArray dx = Nd4j.create(x.dataType(), x.shape());
        INDArray dw = Nd4j.create(w.dataType(), w.shape());
        INDArray db = Nd4j.create(b.dataType(), b.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, dOut).addOutputs(dx, dw, db)
                .addIntegerArguments(CONV_ARGS).build());
        return new INDArray[] {dx, dw, db};
    }
}
