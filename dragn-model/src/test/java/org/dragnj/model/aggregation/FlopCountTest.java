package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.dragnj.model.aggregation.dragn.Recursion;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The analytic counts of Algorithm 1 (docs/design.md §2) against a direct simulation, and each vertex's FLOP count. */
class FlopCountTest {

    private static final long[] RESNET18 = {512, 6, 10};

    /** Algorithm 1 step by step: rounds and windows while at least three maps are left. */
    private static long[] simulate(int n) {
        long rounds = 0;
        long windows = 0;
        int m = n;
        while (m >= 3) {
            windows += m - 2;
            m -= 2;
            rounds++;
        }
        return new long[] {rounds, windows, m};
    }

    @Test
    void roundsAndUnitApplicationsMatchTheRecursionForEveryLengthUpTo200() {
        for (int n = 1; n <= 200; n++) {
            long[] sim = simulate(n);
            assertThat(Recursion.rounds(n)).as("rounds n=%d", n).isEqualTo(sim[0]).isEqualTo((n - 1) / 2);
            assertThat(Recursion.unitApplications(n)).as("windows n=%d", n).isEqualTo(sim[1]);
            assertThat(Recursion.endsWithMean(n)).as("mean n=%d", n).isEqualTo(sim[2] == 2);
            // (n-1)²/4 for odd n, n(n-2)/4 for even n: within n of n²/4
            long exact = n % 2 == 1 ? (long) (n - 1) * (n - 1) / 4 : (long) n * (n - 2) / 4;
            assertThat(Recursion.unitApplications(n)).isEqualTo(exact);
            assertThat(Math.abs(Recursion.unitApplications(n) - Recursion.quarterSquare(n))).isLessThanOrEqualTo(n);
        }
    }

    @Test
    void theIssuesLengths() {
        int[] n = {1, 2, 3, 4, 5, 8, 16, 32, 50};
        long[] rounds = {0, 0, 1, 1, 2, 3, 7, 15, 24};
        long[] windows = {0, 0, 1, 2, 4, 12, 56, 240, 600};
        for (int i = 0; i < n.length; i++) {
            assertThat(Recursion.rounds(n[i])).isEqualTo(rounds[i]);
            assertThat(Recursion.unitApplications(n[i])).isEqualTo(windows[i]);
        }
    }

    @Test
    void unitMacsAreTheWeightCountsOfTheUnitsConvolutions() {
        assertThat(new UnitArchitecture(UnitDepth.L1, false).macsPerPixel()).isEqualTo(27);
        assertThat(new UnitArchitecture(UnitDepth.L2, false).macsPerPixel()).isEqualTo(108);
        assertThat(new UnitArchitecture(UnitDepth.L3, false).macsPerPixel()).isEqualTo(189);
        for (UnitDepth d : UnitDepth.values()) {
            UnitArchitecture a = new UnitArchitecture(d, false);
            long biases = 0;
            for (int k = 0; k < a.convolutions(); k++) {
                biases += a.outChannels(k);
            }
            // one MAC per weight per output pixel and channel: 28/112/196 parameters minus their biases
            assertThat(a.macsPerPixel()).isEqualTo(a.trainableParams() - biases);
        }
    }

    @Test
    void dragnFlopsAtFiftyOnResNet18Features() {
        double elements = 512 * 6 * 10;
        double conv = 2.0 * 600 * 27 * elements;
        assertThat(flops(Aggregation.DRAGN_L1, 50, RESNET18)).isEqualTo(conv + 2 * elements);
        assertThat(flopsBackward(Aggregation.DRAGN_L1, 50, RESNET18))
                .isEqualTo(3 * conv + 4 * elements); // the mean of two maps: 2 FLOPs per element forward, 2 backward
        assertThat(flops(Aggregation.DRAGN_L1, 50, RESNET18) / 1e9).isCloseTo(0.9954, within(1e-4));
        assertThat(flops(Aggregation.DRAGN_L3, 49, RESNET18)).isEqualTo(2.0 * 576 * 189 * elements);
        assertThat(flops(Aggregation.DRAGN_L2, 1, RESNET18)).isZero();
        assertThat(flops(Aggregation.DRAGN_L2, 2, RESNET18)).isEqualTo(2 * elements);
    }

    @ParameterizedTest
    @EnumSource(value = Aggregation.class, names = {"DRAGN_L1", "DRAGN_L2", "DRAGN_L3"})
    void dragnFlopsGrowAsTheUnitApplications(Aggregation a) {
        long[] shape = {7, 3, 5};
        double perApplication = 2.0 * new UnitArchitecture(a.unitDepth().orElseThrow(), false).macsPerPixel() * 7 * 3 * 5;
        for (int n = 3; n <= 60; n += 2) { // odd n: no final mean
            assertThat(flops(a, n, shape))
                    .isEqualTo(perApplication * Recursion.unitApplications(n));
        }
    }

    @Test
    void baselinesArePerElement() {
        double elements = 512 * 60;
        assertThat(flops(Aggregation.MEAN, 8, RESNET18)).isEqualTo(8 * elements);
        assertThat(flopsBackward(Aggregation.MEAN, 8, RESNET18)).isEqualTo(16 * elements);
        assertThat(flops(Aggregation.MAX, 8, RESNET18)).isEqualTo(7 * elements);
        assertThat(flops(Aggregation.NAN, 8, RESNET18)).isEqualTo(8 * elements + 4.0 * 8 * 512 + 24);
        assertThat(flopsBackward(Aggregation.NAN, 8, RESNET18))
                .isEqualTo(16 * elements + 3 * (4.0 * 8 * 512 + 24));
    }

    @Test
    void rejectsWhatItDoesNotCount() {
        assertThatThrownBy(() -> Recursion.rounds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(vertex(Aggregation.SPOC).forwardFlops(3, RESNET18)).isEmpty();
        assertThat(vertex(Aggregation.NAN_CASCADE).forwardFlops(3, RESNET18)).isEmpty();
    }

    private static BagVertex vertex(Aggregation a) {
        return a.createVertex(Aggregation.VertexSettings.detached());
    }

    private static double flops(Aggregation a, int n, long[] shape) {
        return vertex(a).forwardFlops(n, shape).orElseThrow();
    }

    private static double flopsBackward(Aggregation a, int n, long[] shape) {
        return vertex(a).forwardBackwardFlops(n, shape).orElseThrow();
    }
}
