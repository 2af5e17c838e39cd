package org.dragnj.model.aggregation.dragn;

import java.util.ArrayList;
import java.util.List;

import org.dragnj.model.aggregation.ParamSpec;

/**
 * The shapes of one aggregation unit. A window of three instances is presented to the unit as
 * three input channels; every one of the C feature channels is an independent sample for the
 * unit's 2-D convolutions, which is why the unit has the same few parameters for any C.
 *
 * @param depth     number of convolutions
 * @param batchNorm whether BatchNorm(3) follows each hidden convolution (the paper's figure draws
 *                  it; the authors' code defaults to none)
 */
public record UnitArchitecture(UnitDepth depth, boolean batchNorm) {

    /** Instances per window, and therefore input channels of the unit. */
    public static final int WINDOW = 3;
    /** Channels of the hidden convolutions. */
    public static final int HIDDEN = 3;
    public static final int KERNEL = 3;

    public UnitArchitecture {
        if (depth == null) {
            throw new IllegalArgumentException("unit depth is required");
        }
        if (depth == UnitDepth.L1 && batchNorm) {
            throw new IllegalArgumentException("L1Agg has no hidden convolution, so no BatchNorm to switch on");
        }
    }

    public int convolutions() {
        return depth.convolutions();
    }

    public static String weight(int conv) {
        return "W" + conv;
    }

    public static String bias(int conv) {
        return "b" + conv;
    }

    public static String gamma(int bn) {
        return "gamma" + bn;
    }

    public static String beta(int bn) {
        return "beta" + bn;
    }

    public static String runningMean(int bn) {
        return "mean" + bn;
    }

    public static String runningVar(int bn) {
        return "var" + bn;
    }

    /** Multiply-accumulates of one application per output pixel and feature channel: Σ in·out·3·3 (27, 108, 189). */
    public long macsPerPixel() {
        long macs = 0;
        for (int k = 0; k < convolutions(); k++) {
            macs += (long) inChannels(k) * outChannels(k) * KERNEL * KERNEL;
        }
        return macs;
    }

    public int outChannels(int conv) {
        return conv == convolutions() - 1 ? 1 : HIDDEN;
    }

    public int inChannels(int conv) {
        return conv == 0 ? WINDOW : HIDDEN;
    }

    /** Parameters in flat-view order: per convolution W [out, in, 3, 3] and b [out], then its BN if any. */
    public List<ParamSpec> params() {
        List<ParamSpec> out = new ArrayList<>();
        for (int i = 0; i < convolutions(); i++) {
            out.add(ParamSpec.weight(weight(i), outChannels(i), inChannels(i), KERNEL, KERNEL));
            out.add(ParamSpec.other(bias(i), outChannels(i)));
            if (batchNorm && i < convolutions() - 1) {
                out.add(ParamSpec.other(gamma(i), HIDDEN));
                out.add(ParamSpec.other(beta(i), HIDDEN));
                out.add(ParamSpec.runningStatistic(runningMean(i), HIDDEN));
                out.add(ParamSpec.runningStatistic(runningVar(i), HIDDEN));
            }
        }
        return out;
    }

    /** Trainable parameters: 28 (L1), 112 (L2), 196 (L3), plus 6 per BatchNorm. */
    public long trainableParams() {
        return params().stream().filter(ParamSpec::trainable).mapToLong(ParamSpec::length).sum();
    }

    /** All stored parameters, BatchNorm running statistics included. */
    public long totalParams() {
        return params().stream().mapToLong(ParamSpec::length).sum();
    }
}
