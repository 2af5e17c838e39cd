package org.dragnj.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuarterSquareFitTest {

    private static final double[] N = {1, 2, 3, 4, 5, 8, 16, 32, 50};

    @Test
    void recoversAnExactCurve() {
        double[] t = new double[N.length];
        for (int i = 0; i < N.length; i++) {
            t[i] = 0.002 + 0.0003 * N[i] * N[i] / 4;
        }
        QuarterSquareFit f = QuarterSquareFit.of(N, t);
        assertThat(f.a()).isCloseTo(0.002, within(1e-12));
        assertThat(f.b()).isCloseTo(0.0003, within(1e-12));
        assertThat(f.at(50)).isCloseTo(t[N.length - 1], within(1e-12));
    }

    @Test
    void weighsRelativeErrorsSoSmallBagsCount() {
        // 10 % too slow at every point: the fit is 1.1 × the curve
        double[] t = new double[N.length];
        for (int i = 0; i < N.length; i++) {
            t[i] = 1.1 * (1e-3 + 1e-4 * N[i] * N[i] / 4);
        }
        QuarterSquareFit f = QuarterSquareFit.of(N, t);
        assertThat(f.a()).isCloseTo(1.1e-3, within(1e-12));
        assertThat(f.b()).isCloseTo(1.1e-4, within(1e-12));
    }

    @Test
    void interceptIsNeverNegative() {
        double[] n = {4, 8, 16};
        double[] t = {0.5, 4, 20}; // steeper than n²: an unconstrained fit would have a < 0
        QuarterSquareFit f = QuarterSquareFit.of(n, t);
        assertThat(f.a()).isZero();
        assertThat(f.b()).isPositive();
    }
}
