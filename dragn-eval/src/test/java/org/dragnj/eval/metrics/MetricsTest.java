package org.dragnj.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Golden numbers worked out by hand (see the comments), then a cross-check against a separate,
 * straightforward implementation on random data.
 */
class MetricsTest {

    private static final double EPS = 1e-12;

    /**
     * Labels A, B, C; C is negative everywhere (no AUC). A has a positive and a negative tied at 0.4.
     * <pre>
     *        A    B    C      truth A B C
     *  b0   0.9  0.2  0.1          1 0 0
     *  b1   0.4  0.6  0.3          1 1 0
     *  b2   0.4  0.3  0.2          0 0 0
     *  b3   0.1  0.7  0.45         0 0 0
     * </pre>
     */
    static final Predictions HAND = new Predictions(List.of("b0", "b1", "b2", "b3"), List.of("A", "B", "C"),
            new double[][] {{0.9, 0.2, 0.1}, {0.4, 0.6, 0.3}, {0.4, 0.3, 0.2}, {0.1, 0.7, 0.45}},
            new int[][] {{1, 0, 0}, {1, 1, 0}, {0, 0, 0}, {0, 0, 0}});

    @Test
    void thresholdRuleGoldenNumbers() {
        MetricsResult r = Metrics.compute(HAND, DecisionRule.THRESHOLD_05);
        // A: TP 1 (b0) FN 1 (b1) → P 1, R 1/2, F1 2/3.  B: TP 1, FP 1 (b3) → P 1/2, R 1, F1 2/3.
        // C: nothing predicted, nothing positive → empty denominators give 0.
        assertLabel(r.perLabel().get(0), 1, 0, 1, 2, 1.0, 0.5, 2.0 / 3);
        assertLabel(r.perLabel().get(1), 1, 1, 0, 2, 0.5, 1.0, 2.0 / 3);
        assertLabel(r.perLabel().get(2), 0, 0, 0, 4, 0, 0, 0);
        assertThat(r.get(Metric.PRECISION_MACRO)).isCloseTo(0.5, within(EPS));
        assertThat(r.get(Metric.RECALL_MACRO)).isCloseTo(0.5, within(EPS));
        assertThat(r.get(Metric.F1_MACRO)).isCloseTo(4.0 / 9, within(EPS));
        // ΣTP 2, ΣFP 1, ΣFN 1, ΣTN 8
        assertThat(r.get(Metric.F1_MICRO)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.get(Metric.SENSITIVITY)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.get(Metric.SPECIFICITY)).isCloseTo(8.0 / 9, within(EPS));
        // AUC A: pairs (b0,b2)=1 (b0,b3)=1 (b1,b2)=½ tie (b1,b3)=1 → 3.5/4. B: b1 beats b0, b2, not b3 → 2/3.
        assertThat(r.perLabel().get(0).auc()).isCloseTo(0.875, within(EPS));
        assertThat(r.perLabel().get(1).auc()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.perLabel().get(2).auc()).isNaN();
        assertThat(r.excludedFromAuc()).containsExactly("C");
        assertThat(r.get(Metric.AUC_MACRO)).isCloseTo((0.875 + 2.0 / 3) / 2, within(EPS));
    }

    @Test
    void topLabelRuleGoldenNumbers() {
        // b2's scores all fall below 0.5: its threshold becomes its maximum 0.4, so it predicts A.
        MetricsResult r = Metrics.compute(HAND, DecisionRule.TOP_LABEL);
        assertThat(Metrics.decide(HAND, DecisionRule.TOP_LABEL, null))
                .isEqualTo(new int[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}, {0, 1, 0}});
        assertLabel(r.perLabel().get(0), 1, 1, 1, 1, 0.5, 0.5, 0.5);
        assertLabel(r.perLabel().get(1), 1, 1, 0, 2, 0.5, 1.0, 2.0 / 3);
        assertThat(r.get(Metric.PRECISION_MACRO)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(r.get(Metric.F1_MACRO)).isCloseTo((0.5 + 2.0 / 3) / 3, within(EPS));
        assertThat(r.get(Metric.F1_MICRO)).isCloseTo(4.0 / 7, within(EPS));
        assertThat(r.get(Metric.SPECIFICITY)).isCloseTo(7.0 / 9, within(EPS));
        // AUC does not depend on the rule.
        assertThat(r.get(Metric.AUC_MACRO)).isEqualTo(Metrics.compute(HAND, DecisionRule.THRESHOLD_05)
                .get(Metric.AUC_MACRO));
    }

    @Test
    void tunedThresholdsMaximiseEachLabelsF1OnValidation() {
        // A: the positive b1 ties with the negative b2 at 0.4. Taking both 0.4s (threshold (0.1+0.4)/2)
        // gives TP 2, FP 1, F1 4/5; leaving both out (threshold 0.65) gives F1 2/3.
        double[] t = ThresholdTuner.tune(HAND);
        assertThat(t[0]).isCloseTo(0.25, within(EPS));
        // B: the positive b1 (0.6) sits below the negative b3 (0.7). Threshold (0.3+0.6)/2 takes both:
        // F1 2/3; 0.25 adds b2 (F1 1/2); 0.65 keeps only b3 (F1 0).
        assertThat(t[1]).isCloseTo(0.45, within(EPS));
        MetricsResult r = Metrics.compute(HAND, t);
        assertThat(r.rule()).isEqualTo(DecisionRule.TUNED_PER_LABEL);
        assertThat(r.perLabel().get(0).f1()).isCloseTo(0.8, within(EPS));
        assertThat(r.perLabel().get(0).threshold()).isEqualTo(t[0]);
    }

    @Test
    void aucOfPerfectAndReversedAndAllTiedScores() {
        int[] y = {0, 0, 1, 1};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.3, 0.4}, y)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.4, 0.3, 0.2, 0.1}, y)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, y)).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {0.5, 0.5}, new int[] {1, 1})).isNaN();
    }

    @Test
    void agreesWithAStraightforwardImplementationOnRandomData() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + rnd.nextInt(60);
            int k = 1 + rnd.nextInt(6);
            double[][] s = new double[n][k];
            int[][] y = new int[n][k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    s[i][j] = Math.round(rnd.nextDouble() * 10) / 10.0; // ties on purpose
                    y[i][j] = rnd.nextDouble() < 0.3 ? 1 : 0;
                }
            }
            Predictions p = new Predictions(java.util.stream.IntStream.range(0, n).mapToObj(i -> "b" + i).toList(),
                    java.util.stream.IntStream.range(0, k).mapToObj(j -> "l" + j).toList(), s, y);
            MetricsResult r = Metrics.compute(p, DecisionRule.THRESHOLD_05);
            double[] expected = plainMetrics(s, y);
            assertThat(r.get(Metric.AUC_MACRO)).isCloseTo(expected[0], within(1e-12));
            assertThat(r.get(Metric.PRECISION_MACRO)).isCloseTo(expected[1], within(1e-12));
            assertThat(r.get(Metric.RECALL_MACRO)).isCloseTo(expected[2], within(1e-12));
            assertThat(r.get(Metric.F1_MACRO)).isCloseTo(expected[3], within(1e-12));
            assertThat(r.get(Metric.F1_MICRO)).isCloseTo(expected[4], within(1e-12));
            assertThat(r.get(Metric.SENSITIVITY)).isCloseTo(expected[5], within(1e-12));
            assertThat(r.get(Metric.SPECIFICITY)).isCloseTo(expected[6], within(1e-12));
        }
    }

    @Test
    void bootstrapIntervalsBracketTheEstimateAndRepeatForASeed() {
        Map<Metric, Bootstrap.Interval> a = Bootstrap.intervals(HAND, p -> Metrics.compute(p, DecisionRule.THRESHOLD_05),
                200, 0.95, 7);
        Map<Metric, Bootstrap.Interval> b = Bootstrap.intervals(HAND, p -> Metrics.compute(p, DecisionRule.THRESHOLD_05),
                200, 0.95, 7);
        assertThat(a).isEqualTo(b);
        for (Bootstrap.Interval i : a.values()) {
            assertThat(i.lower()).isLessThanOrEqualTo(i.upper());
            assertThat(i.lower()).isBetween(0.0, 1.0);
        }
        assertThat(a.get(Metric.F1_MICRO).value()).isCloseTo(2.0 / 3, within(EPS));
        // Perfect predictions stay perfect on every resample (20 bags: a resample without positives,
        // whose empty denominators would give 0, has probability 2^-20).
        int n = 20;
        double[][] s = new double[n][1];
        int[][] y = new int[n][1];
        for (int i = 0; i < n; i++) {
            y[i][0] = i % 2;
            s[i][0] = i % 2 == 1 ? 0.9 : 0.1;
        }
        Predictions perfect = new Predictions(java.util.stream.IntStream.range(0, n).mapToObj(i -> "b" + i).toList(),
                List.of("A"), s, y);
        Bootstrap.Interval f1 = Bootstrap.intervals(perfect, p -> Metrics.compute(p, DecisionRule.THRESHOLD_05), 50,
                0.95, 1).get(Metric.F1_MICRO);
        assertThat(f1.lower()).isEqualTo(1.0);
        assertThat(f1.upper()).isEqualTo(1.0);
        assertThat(Bootstrap.quantile(new double[] {0, 1, 2, 3, 4}, 0.25)).isEqualTo(1.0);
    }

    /** {auc_macro, p, r, f1 macro, f1 micro, sensitivity, specificity} by plain loops and pair counting. */
    private static double[] plainMetrics(double[][] s, int[][] y) {
        int n = s.length;
        int k = s[0].length;
        double aucSum = 0;
        int aucN = 0;
        double pSum = 0;
        double rSum = 0;
        double fSum = 0;
        double tpA = 0;
        double fpA = 0;
        double fnA = 0;
        double tnA = 0;
        for (int j = 0; j < k; j++) {
            double wins = 0;
            int pairs = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (y[a][j] == 1 && y[b][j] == 0) {
                        pairs++;
                        wins += s[a][j] > s[b][j] ? 1 : s[a][j] == s[b][j] ? 0.5 : 0;
                    }
                }
            }
            if (pairs > 0) {
                aucSum += wins / pairs;
                aucN++;
            }
            double tp = 0;
            double fp = 0;
            double fn = 0;
            double tn = 0;
            for (int i = 0; i < n; i++) {
                boolean d = s[i][j] >= 0.5;
                if (d && y[i][j] == 1) {
                    tp++;
                } else if (d) {
                    fp++;
                } else if (y[i][j] == 1) {
                    fn++;
                } else {
                    tn++;
                }
            }
            double prec = tp + fp == 0 ? 0 : tp / (tp + fp);
            double rec = tp + fn == 0 ? 0 : tp / (tp + fn);
            pSum += prec;
            rSum += rec;
            fSum += prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
            tpA += tp;
            fpA += fp;
            fnA += fn;
            tnA += tn;
        }
        double microP = tpA + fpA == 0 ? 0 : tpA / (tpA + fpA);
        double microR = tpA + fnA == 0 ? 0 : tpA / (tpA + fnA);
        return new double[] {aucN == 0 ? Double.NaN : aucSum / aucN, pSum / k, rSum / k, fSum / k,
                microP + microR == 0 ? 0 : 2 * microP * microR / (microP + microR), microR,
                tnA + fpA == 0 ? 0 : tnA / (tnA + fpA)};
    }

    private static void assertLabel(LabelResult l, long tp, long fp, long fn, long tn, double p, double r, double f1) {
        assertThat(new long[] {l.tp(), l.fp(), l.fn(), l.tn()}).as(l.label()).containsExactly(tp, fp, fn, tn);
        assertThat(l.precision()).as(l.label() + " precision").isCloseTo(p, within(EPS));
        assertThat(l.recall()).as(l.label() + " recall").isCloseTo(r, within(EPS));
        assertThat(l.f1()).as(l.label() + " F1").isCloseTo(f1, within(EPS));
    }
}
