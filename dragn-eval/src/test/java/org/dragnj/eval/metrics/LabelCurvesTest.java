package org.dragnj.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Golden curves worked out by hand (and equal to scikit-learn's roc_curve / average_precision_score). */
class LabelCurvesTest {

    private static final double[] S = {0.9, 0.8, 0.7, 0.6};
    private static final int[] Y = {1, 0, 1, 0};

    @Test
    void rocPointsAndArea() {
        LabelCurves.Curve c = LabelCurves.curve(LabelCurves.Kind.ROC, S, Y);
        assertThat(c.x()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(c.y()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(c.area()).isEqualTo(0.75);
    }

    /** AP = 0.5 · 1 + 0.5 · 2/3 = 5/6, scikit-learn's average_precision_score([1,0,1,0], [.9,.8,.7,.6]). */
    @Test
    void precisionRecallPointsAndAveragePrecision() {
        LabelCurves.Curve c = LabelCurves.curve(LabelCurves.Kind.PRECISION_RECALL, S, Y);
        assertThat(c.x()).containsExactly(0, 0.5, 0.5, 1, 1);
        assertThat(c.y()).containsExactly(new double[] {1, 1, 0.5, 2 / 3.0, 0.5}, offset(1e-12));
        assertThat(c.area()).isCloseTo(5 / 6.0, offset(1e-12));
    }

    /** Tied scores move together: one diagonal step. */
    @Test
    void tiesMoveDiagonally() {
        LabelCurves.Curve c = LabelCurves.curve(LabelCurves.Kind.ROC, new double[] {0.9, 0.5, 0.5, 0.1},
                new int[] {1, 1, 0, 0});
        assertThat(c.x()).containsExactly(0, 0, 0.5, 1);
        assertThat(c.y()).containsExactly(0, 0.5, 1, 1);
    }

    /**
     * The macro average of two labels is the mean of their interpolated curves: label x is the curve
     * above (TPR 0.5 up to FPR 0.5, then 1), label y is perfect (TPR 1 everywhere); at FPR 0.25 the mean
     * is 0.75, the macro AUC (0.75 + 1) / 2 up to the grid's trapezoids.
     */
    @Test
    void macroAverageOfTwoLabelsAndABandAroundIt() {
        double[][] scores = new double[4][];
        int[][] truth = new int[4][];
        double[] perfect = {0.9, 0.1, 0.8, 0.2};
        for (int i = 0; i < 4; i++) {
            scores[i] = new double[] {S[i], perfect[i]};
            truth[i] = new int[] {Y[i], Y[i]};
        }
        Predictions p = new Predictions(List.of("a", "b", "c", "d"), List.of("x", "y"), scores, truth);
        LabelCurves.Set set = LabelCurves.of(LabelCurves.Kind.ROC, p, 50, 0.95, 7);
        assertThat(set.curves().get("y").area()).isEqualTo(1.0);
        LabelCurves.Macro m = set.macro();
        assertThat(m.x()).hasSize(LabelCurves.GRID);
        assertThat(m.y()[25]).isCloseTo(0.75, offset(1e-12)); // FPR 0.25
        assertThat(m.y()[75]).isCloseTo(1.0, offset(1e-12));
        assertThat(m.area()).isCloseTo(0.875, offset(0.005));
        for (int g = 0; g < m.x().length; g++) {
            if (Double.isFinite(m.lower()[g])) {
                assertThat(m.lower()[g]).isLessThanOrEqualTo(m.upper()[g]);
            }
        }
        assertThat(m.lower()[25]).isLessThan(m.upper()[25]); // resampling four bags moves the curve
    }
}
