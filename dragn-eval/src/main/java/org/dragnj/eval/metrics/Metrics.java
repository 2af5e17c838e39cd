package org.dragnj.eval.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of docs/design.md §6, as the authors' evaluation computes them. An empty denominator gives 0;
 * a label with one class only has no AUC and is left out of the macro AUC (and reported).
 */
public final class Metrics {

    private Metrics() {
    }

    /** With rule THRESHOLD_05 or TOP_LABEL. */
    public static MetricsResult compute(Predictions p, DecisionRule rule) {
        if (rule == DecisionRule.TUNED_PER_LABEL) {
            throw new IllegalArgumentException("tuned thresholds come from validation data: use compute(p, thresholds)");
        }
        return evaluate(p, rule, null);
    }

    /** With one threshold per label (e.g. from {@link ThresholdTuner} on validation predictions). */
    public static MetricsResult compute(Predictions p, double[] thresholds) {
        if (thresholds.length != p.labelCount()) {
            throw new IllegalArgumentException(thresholds.length + " thresholds for " + p.labelCount() + " labels");
        }
        return evaluate(p, DecisionRule.TUNED_PER_LABEL, thresholds);
    }

    /** The 0/1 decisions [N][K] of a rule (thresholds only for TUNED_PER_LABEL). */
    public static int[][] decide(Predictions p, DecisionRule rule, double[] thresholds) {
        int n = p.size();
        int k = p.labelCount();
        int[][] d = new int[n][k];
        for (int i = 0; i < n; i++) {
            double bagThreshold = 0.5;
            if (rule == DecisionRule.TOP_LABEL) {
                double max = 0;
                for (double s : p.scores()[i]) {
                    max = Math.max(max, s);
                }
                bagThreshold = Math.min(max, 0.5);
            }
            for (int j = 0; j < k; j++) {
                double t = rule == DecisionRule.TUNED_PER_LABEL ? thresholds[j] : bagThreshold;
                d[i][j] = p.scores()[i][j] >= t ? 1 : 0;
            }
        }
        return d;
    }

    private static MetricsResult evaluate(Predictions p, DecisionRule rule, double[] thresholds) {
        int[][] decided = decide(p, rule, thresholds);
        int n = p.size();
        int k = p.labelCount();
        List<LabelResult> perLabel = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        long tpAll = 0;
        long fpAll = 0;
        long fnAll = 0;
        long tnAll = 0;
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        double aucSum = 0;
        int aucCount = 0;
        for (int j = 0; j < k; j++) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            long tn = 0;
            double[] column = new double[n];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                int y = p.truth()[i][j];
                int d = decided[i][j];
                tp += y == 1 && d == 1 ? 1 : 0;
                fp += y == 0 && d == 1 ? 1 : 0;
                fn += y == 1 && d == 0 ? 1 : 0;
                tn += y == 0 && d == 0 ? 1 : 0;
                column[i] = p.scores()[i][j];
                truth[i] = y;
            }
            double precision = ratio(tp, tp + fp);
            double recall = ratio(tp, tp + fn);
            double f1 = ratio(2 * tp, 2 * tp + fp + fn);
            double auc = RocAuc.of(column, truth);
            if (Double.isNaN(auc)) {
                excluded.add(p.labels().get(j));
            } else {
                aucSum += auc;
                aucCount++;
            }
            double threshold = rule == DecisionRule.TUNED_PER_LABEL ? thresholds[j]
                    : rule == DecisionRule.THRESHOLD_05 ? 0.5 : Double.NaN;
            perLabel.add(new LabelResult(p.labels().get(j), tp, fp, fn, tn, precision, recall, f1, auc, threshold));
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
            tnAll += tn;
        }
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.AUC_MACRO, aucCount == 0 ? Double.NaN : aucSum / aucCount);
        values.put(Metric.PRECISION_MACRO, precisionSum / k);
        values.put(Metric.RECALL_MACRO, recallSum / k);
        values.put(Metric.F1_MACRO, f1Sum / k);
        values.put(Metric.F1_MICRO, ratio(2 * tpAll, 2 * tpAll + fpAll + fnAll));
        values.put(Metric.SENSITIVITY, ratio(tpAll, tpAll + fnAll));
        values.put(Metric.SPECIFICITY, ratio(tnAll, tnAll + fpAll));
        return new MetricsResult(values, perLabel, rule, n, excluded);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
