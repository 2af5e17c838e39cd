package org.dragnj.model.aggregation.dragn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The math of one aggregation unit on a batch of windows [N, 3, h, w] → [N, 1, h, w], forward and
 * backward, with its parameters and gradient accumulators looked up by name.
 *
 * <p>BatchNorm follows PyTorch's semantics, as in the authors' code: biased batch variance to
 * normalise, unbiased for the running estimate, and one running-statistics update per call
 * (the recursive process calls the unit once per round).
 */
final class AggregationUnit {

    static final double BN_EPS = 1e-5;

    private final UnitArchitecture arch;
    private final Function<String, INDArray> param;
    private final Function<String, INDArray> gradient;
    private final double bnDecay;
    /** Running statistics as they will be after this training step; null outside training. */
    private INDArray[] pendingMean;
    private INDArray[] pendingVar;

    AggregationUnit(UnitArchitecture arch, Function<String, INDArray> param, Function<String, INDArray> gradient,
            double bnDecay) {
        this.arch = arch;
        this.param = param;
        this.gradient = gradient;
        this.bnDecay = bnDecay;
    }

    /** What one call keeps for its backward pass. */
    static final class Trace {
        final List<INDArray> convInputs = new ArrayList<>();
        /** Per hidden stage: normalised pre-activation (BN) and 1/sqrt(var + eps), or nulls without BN. */
        final List<INDArray> normalized = new ArrayList<>();
        final List<INDArray> invStd = new ArrayList<>();
        /** Per hidden stage: the ReLU input, for its derivative. */
        final List<INDArray> preActivations = new ArrayList<>();
        boolean batchStatistics;
        INDArray output;
    }

    /** Starts a forward pass of the vertex: running statistics will be folded from the current ones. */
    void beginForward(boolean training) {
        if (!arch.batchNorm()) {
            return;
        }
        int hidden = arch.convolutions() - 1;
        pendingMean = new INDArray[hidden];
        pendingVar = new INDArray[hidden];
        if (training) {
            for (int i = 0; i < hidden; i++) {
                pendingMean[i] = param.apply(UnitArchitecture.runningMean(i)).dup();
                pendingVar[i] = param.apply(UnitArchitecture.runningVar(i)).dup();
            }
        }
    }

    Trace forward(INDArray windows, boolean training) {
        Trace t = new Trace();
        t.batchStatistics = training;
        INDArray a = windows;
        int convs = arch.convolutions();
        for (int i = 0; i < convs; i++) {
            t.convInputs.add(a);
            INDArray z = Conv3x3.forward(a, param.apply(UnitArchitecture.weight(i)),
                    param.apply(UnitArchitecture.bias(i)));
            if (i == convs - 1) {
                t.output = z;
                break;
            }
            if (arch.batchNorm()) {
                z = batchNormForward(z, i, training, t);
            }
            t.preActivations.add(z);
            a = Transforms.relu(z, true);
        }
        return t;
    }

    /** Gradient with respect to the windows; parameter gradients are added to the accumulators. */
    INDArray backward(Trace t, INDArray outputGradient) {
        INDArray d = outputGradient;
        for (int i = arch.convolutions() - 1; i >= 0; i--) {
            INDArray w = param.apply(UnitArchitecture.weight(i));
            INDArray b = param.apply(UnitArchitecture.bias(i));
            INDArray dW = Nd4j.create(w.dataType(), w.shape());
            INDArray dB = Nd4j.create(b.dataType(), b.shape());
            INDArray dIn = Conv3x3.backward(t.convInputs.get(i), w, b, d, dW, dB);
            gradient.apply(UnitArchitecture.weight(i)).addi(dW);
            gradient.apply(UnitArchitecture.bias(i)).addi(dB);
            if (i == 0) {
                return dIn;
            }
            int stage = i - 1;
            INDArray pre = t.preActivations.get(stage);
            d = dIn.muli(pre.gt(0).castTo(dIn.dataType()));
            if (arch.batchNorm()) {
                d = batchNormBackward(d, stage, t);
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Running-statistics deltas (current − new) for DL4J's "params −= gradient" step. */
    void writeRunningStatisticDeltas() {
        if (!arch.batchNorm() || pendingMean == null || pendingMean.length == 0 || pendingMean[0] == null) {
            return;
        }
        for (int i = 0; i < pendingMean.length; i++) {
            gradient.apply(UnitArchitecture.runningMean(i))
                    .assign(param.apply(UnitArchitecture.runningMean(i)).sub(pendingMean[i]));
            gradient.apply(UnitArchitecture.runningVar(i))
                    .assign(param.apply(UnitArchitecture.runningVar(i)).sub(pendingVar[i]));
        }
    }

    private INDArray batchNormForward(INDArray z, int stage, boolean training, Trace t) {
        INDArray gamma = param.apply(UnitArchitecture.gamma(stage));
        INDArray beta = param.apply(UnitArchitecture.beta(stage));
        INDArray mean;
        INDArray var;
        if (training) {
            mean = z.mean(0, 2, 3);
            var = z.var(false, 0, 2, 3);
            long count = z.length() / z.size(1);
            INDArray unbiased = count > 1 ? var.mul((double) count / (count - 1)) : var.dup();
            pendingMean[stage].muli(bnDecay).addi(mean.mul(1 - bnDecay));
            pendingVar[stage].muli(bnDecay).addi(unbiased.muli(1 - bnDecay));
        } else {
            mean = param.apply(UnitArchitecture.runningMean(stage));
            var = param.apply(UnitArchitecture.runningVar(stage));
        }
        INDArray invStd = Transforms.pow(var.add(BN_EPS), -0.5, false);
        INDArray xHat = Broadcast.mul(Broadcast.sub(z, mean, z.ulike(), 1), invStd, z.ulike(), 1);
        INDArray y = Broadcast.add(Broadcast.mul(xHat, gamma, xHat.ulike(), 1), beta, xHat.ulike(), 1);
        t.normalized.add(xHat);
        t.invStd.add(invStd);
        return y;
    }

    private INDArray batchNormBackward(INDArray dy, int stage, Trace t) {
        INDArray gamma = param.apply(UnitArchitecture.gamma(stage));
        INDArray xHat = t.normalized.get(stage);
        INDArray invStd = t.invStd.get(stage);
        gradient.apply(UnitArchitecture.gamma(stage)).addi(dy.mul(xHat).sum(0, 2, 3));
        gradient.apply(UnitArchitecture.beta(stage)).addi(dy.sum(0, 2, 3));
        INDArray dxHat = Broadcast.mul(dy, gamma, dy.ulike(), 1);
        if (!t.batchStatistics) {
            return Broadcast.mul(dxHat, invStd, dxHat.ulike(), 1);
        }
        // dx = invStd / M * (M dxHat − Σ dxHat − xHat Σ(dxHat xHat)), sums per channel.
        long m = dy.length() / dy.size(1);
        INDArray sumD = dxHat.sum(0, 2, 3);
        INDArray sumDX = dxHat.mul(xHat).sum(0, 2, 3);
        INDArray dx = dxHat.mul(m);
        Broadcast.sub(dx, sumD, dx, 1);
        dx.subi(Broadcast.mul(xHat, sumDX, xHat.ulike(), 1));
        return Broadcast.mul(dx, invStd.div(m), dx, 1);
    }
}
