package org.dragnj.bench.aggregation;

import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;

/**
 * The work of aggregating one bag of n instance maps [C, h, w], counted analytically (design §2).
 *
 * <p>DRAGN: a round turns m maps into m − 2 (one unit application per window of three) while
 * m ≥ 3; two maps left are averaged, one is the result. So a bag takes r = ⌊(n−1)/2⌋ rounds and
 * Σ_{k<r} (n − 2 − 2k) = r·(n − 1 − r) unit applications: (n−1)²/4 for odd n, n(n−2)/4 for even n,
 * "about n²/4". One application convolves C maps with the unit, whose multiply-accumulates per
 * output pixel and channel are Σ over its convolutions of in·out·3·3: 27 (L1), 108 (L2), 189 (L3).
 *
 * <p>Conventions, the customary ones: a FLOP is a multiply or an add, so a MAC is 2 FLOPs; a 3×3
 * tap on the zero padding counts like any other; biases, ReLU and the like are not counted. The
 * backward pass of a convolution is counted as twice its forward (gradient with respect to the
 * input and to the weights), so forward+backward = 3 × forward; the DRAGN kernel's recomputation of
 * a round's activations during backprop is extra work that is not counted.
 *
 * <p>The parameter-free baselines are counted per element: MEAN n adds/scales forward and one
 * scale per instance element backward; MAX n − 1 comparisons forward and one select per instance
 * element backward; NAN global average pooling (n·C·h·w), scores and weighted sum (2·n·C each)
 * and the softmax (3n) forward, and for backward the spread of the pooled gradient (n·C·h·w) plus
 * twice the vector work. They are memory-bound, so their FLOP rates are small by nature.
 */
public final class AggregationCost {

    private AggregationCost() {
    }

    /** Rounds of Algorithm 1 for a bag of n: ⌊(n−1)/2⌋ (0 for n ≤ 2). */
    public static int rounds(int n) {
        requireLength(n);
        return n < 3 ? 0 : (n - 1) / 2;
    }

    /** Unit applications (windows over all rounds): r·(n − 1 − r) with r the rounds. */
    public static long unitApplications(int n) {
        int r = rounds(n);
        return (long) r * (n - 1 - r);
    }

    /** The "about n²/4" of the design. */
    public static double quarterSquare(int n) {
        return n * (double) n / 4;
    }

    /** Whether the last step is the mean of two maps (n even, n ≥ 2). */
    public static boolean endsWithMean(int n) {
        requireLength(n);
        return n % 2 == 0;
    }

    /** Multiply-accumulates of one unit application per output pixel and feature channel. */
    public static long unitMacsPerPixel(UnitDepth depth) {
        UnitArchitecture arch = new UnitArchitecture(depth, false);
        long macs = 0;
        for (int k = 0; k < arch.convolutions(); k++) {
            macs += (long) arch.inChannels(k) * arch.outChannels(k) * UnitArchitecture.KERNEL * UnitArchitecture.KERNEL;
        }
        return macs;
    }

    /** Forward FLOPs of aggregating one bag of n maps of {@code shape} = {C, h, w}. */
    public static double forwardFlops(Aggregation aggregation, int n, long[] shape) {
        requireLength(n);
        double c = shape[0];
        double pixels = (double) shape[1] * shape[2];
        double elements = c * pixels;
        return switch (aggregation) {
            case DRAGN_L1, DRAGN_L2, DRAGN_L3 -> 2.0 * unitApplications(n) * unitMacsPerPixel(depth(aggregation))
                    * elements + (endsWithMean(n) ? 2 * elements : 0);
            case MEAN -> n * elements;
            case MAX -> (n - 1) * elements;
            case NAN -> n * elements + 4.0 * n * c + 3.0 * n;
            default -> throw new IllegalArgumentException("no FLOP count for " + aggregation);
        };
    }

    /** Forward+backward FLOPs (see the class comment for the conventions). */
    public static double forwardBackwardFlops(Aggregation aggregation, int n, long[] shape) {
        double c = shape[0];
        double elements = c * shape[1] * shape[2];
        double forward = forwardFlops(aggregation, n, shape);
        return switch (aggregation) {
            case DRAGN_L1, DRAGN_L2, DRAGN_L3 -> {
                double mean = endsWithMean(n) ? 2 * elements : 0;
                yield 3 * (forward - mean) + 2 * mean;
            }
            case MEAN, MAX -> forward + n * elements;
            case NAN -> forward + n * elements + 2 * (4.0 * n * c + 3.0 * n);
            default -> throw new IllegalArgumentException("no FLOP count for " + aggregation);
        };
    }

    public static UnitDepth depth(Aggregation aggregation) {
        return switch (aggregation) {
            case DRAGN_L1 -> UnitDepth.L1;
            case DRAGN_L2 -> UnitDepth.L2;
            case DRAGN_L3 -> UnitDepth.L3;
            default -> throw new IllegalArgumentException(aggregation + " is not a DRAGN aggregation");
        };
    }

    private static void requireLength(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a bag has at least one instance, got n = " + n);
        }
    }
}
