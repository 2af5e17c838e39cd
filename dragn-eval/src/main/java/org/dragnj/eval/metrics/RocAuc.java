package org.dragnj.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Exact ROC AUC of one label: the Mann–Whitney statistic with tied scores given their average
 * rank, so a tie between a positive and a negative counts one half.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /** AUC, or NaN when the truth holds one class only. */
    public static double of(double[] scores, int[] truth) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = average;
            }
            i = j + 1;
        }
        long positives = 0;
        double positiveRanks = 0;
        for (int k = 0; k < n; k++) {
            if (truth[k] == 1) {
                positives++;
                positiveRanks += rank[k];
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
