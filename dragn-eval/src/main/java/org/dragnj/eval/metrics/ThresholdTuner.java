package org.dragnj.eval.metrics;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Per-label thresholds that maximise each label's F1 on validation predictions. Candidates are the
 * midpoints between consecutive distinct scores (and the ends), so the chosen threshold separates
 * validation bags as well as any could; ties in F1 go to the threshold closest to 0.5.
 */
public final class ThresholdTuner {

    private ThresholdTuner() {
    }

    public static double[] tune(Predictions validation) {
        double[] t = new double[validation.labelCount()];
        for (int j = 0; j < t.length; j++) {
            t[j] = tuneLabel(validation, j);
        }
        return t;
    }

    private static double tuneLabel(Predictions p, int label) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double[] row : p.scores()) {
            distinct.add(row[label]);
        }
        Double[] s = distinct.toArray(new Double[0]);
        double[] candidates = new double[s.length + 1];
        candidates[0] = s[0] / 2;
        for (int i = 1; i < s.length; i++) {
            candidates[i] = (s[i - 1] + s[i]) / 2;
        }
        candidates[s.length] = Math.nextUp(s[s.length - 1]);
        Arrays.sort(candidates);
        double best = 0.5;
        double bestF1 = -1;
        for (double c : candidates) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < p.size(); i++) {
                boolean predicted = p.scores()[i][label] >= c;
                boolean truth = p.truth()[i][label] == 1;
                tp += predicted && truth ? 1 : 0;
                fp += predicted && !truth ? 1 : 0;
                fn += !predicted && truth ? 1 : 0;
            }
            double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
            if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(c - 0.5) < Math.abs(best - 0.5))) {
                bestF1 = f1;
                best = c;
            }
        }
        return best;
    }
}
