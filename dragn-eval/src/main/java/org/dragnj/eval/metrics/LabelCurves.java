package org.dragnj.eval.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ROC and precision–recall curves of every label, their macro average on a fixed grid, and a
 * percentile bootstrap band around the macro average (bags resampled with replacement, as for
 * the metrics' intervals).
 *
 * <p>Macro averages: the ROC one is the mean true-positive rate of the labels at each false-positive
 * rate, each label's curve linearly interpolated (as scikit-learn's macro ROC); the precision–recall
 * one is the mean interpolated precision (the best precision at that recall or above) at each recall.
 */
public final class LabelCurves {

    /** What a curve plots: x and y of its points, in order. */
    public enum Kind {
        ROC("false positive rate", "true positive rate", "AUC"),
        PRECISION_RECALL("recall", "precision", "AP");

        private final String x;
        private final String y;
        private final String area;

        Kind(String x, String y, String area) {
            this.x = x;
            this.y = y;
            this.area = area;
        }

        public String xTitle() {
            return x;
        }

        public String yTitle() {
            return y;
        }

        /** The area's name: AUC, or AP (average precision) for precision–recall. */
        public String areaName() {
            return area;
        }
    }

    /** One curve: points (x ascending for ROC, recall ascending for PR) and the area under it. */
    public record Curve(double[] x, double[] y, double area) {
    }

    /** The macro-average curve on {@link #GRID} points and its bootstrap band (NaN where a resample had no curve). */
    public record Macro(double[] x, double[] y, double[] lower, double[] upper, double area) {
    }

    /**
     * @param curves per drawable label, in label order
     * @param leftOut labels without a curve and why (no positives, or for ROC no negatives, in this split)
     */
    public record Set(Kind kind, Map<String, Curve> curves, Macro macro, Map<String, String> leftOut) {
    }

    /** Points of the macro-average grid. */
    static final int GRID = 101;

    private LabelCurves() {
    }

    /**
     * @param resamples bootstrap resamples of the band (0: no band)
     */
    public static Set of(Kind kind, Predictions p, int resamples, double level, long seed) {
        Map<String, Curve> curves = new LinkedHashMap<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        for (int k = 0; k < p.labelCount(); k++) {
            String why = missing(kind, p, k);
            if (why != null) {
                leftOut.put(p.labels().get(k), why);
            } else {
                curves.put(p.labels().get(k), curve(kind, column(p.scores(), k), column(p.truth(), k)));
            }
        }
        double[] grid = new double[GRID];
        Arrays.setAll(grid, i -> i / (GRID - 1.0));
        double[] mean = macro(kind, p, grid);
        double[] lower = new double[GRID];
        double[] upper = new double[GRID];
        Arrays.fill(lower, Double.NaN);
        Arrays.fill(upper, Double.NaN);
        if (resamples >= 2 && !curves.isEmpty()) {
            double[][] samples = new double[GRID][resamples];
            SplittableRandom rnd = new SplittableRandom(seed);
            int[] index = new int[p.size()];
            for (int r = 0; r < resamples; r++) {
                for (int i = 0; i < index.length; i++) {
                    index[i] = rnd.nextInt(p.size());
                }
                double[] m = macro(kind, p.rows(index), grid);
                for (int g = 0; g < GRID; g++) {
                    samples[g][r] = m[g];
                }
            }
            for (int g = 0; g < GRID; g++) {
                double[] s = Arrays.stream(samples[g]).filter(v -> !Double.isNaN(v)).sorted().toArray();
                if (s.length > 0) {
                    lower[g] = Bootstrap.quantile(s, (1 - level) / 2);
                    upper[g] = Bootstrap.quantile(s, 1 - (1 - level) / 2);
                }
            }
        }
        return new Set(kind, curves, new Macro(grid, mean, lower, upper, trapezoid(grid, mean)), leftOut);
    }

    /** Why label k has no curve in this split, or null. */
    private static String missing(Kind kind, Predictions p, int k) {
        int positives = 0;
        for (int[] row : p.truth()) {
            positives += row[k];
        }
        if (positives == 0) {
            return "no positive bags";
        }
        if (kind == Kind.ROC && positives == p.size()) {
            return "no negative bags";
        }
        return null;
    }

    /** The macro-average curve on the grid; NaN everywhere if no label has a curve. */
    private static double[] macro(Kind kind, Predictions p, double[] grid) {
        double[] sum = new double[grid.length];
        int n = 0;
        for (int k = 0; k < p.labelCount(); k++) {
            if (missing(kind, p, k) != null) {
                continue;
            }
            Curve c = curve(kind, column(p.scores(), k), column(p.truth(), k));
            for (int g = 0; g < grid.length; g++) {
                sum[g] += kind == Kind.ROC ? interpolate(c.x(), c.y(), grid[g]) : bestAtOrAbove(c.x(), c.y(), grid[g]);
            }
            n++;
        }
        double[] out = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            out[g] = n == 0 ? Double.NaN : sum[g] / n;
        }
        return out;
    }

    /** The curve of one label; thresholds swept over the distinct scores from high to low (ties move together). */
    public static Curve curve(Kind kind, double[] s, int[] y) {
        Integer[] order = new Integer[s.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -s[i]));
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        long neg = y.length - pos;
        List<double[]> points = new ArrayList<>();
        points.add(kind == Kind.ROC ? new double[] {0, 0} : new double[] {0, 1});
        long tp = 0;
        long fp = 0;
        double ap = 0;
        double lastRecall = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && s[order[j]] == s[order[i]]) {
                if (y[order[j]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            if (kind == Kind.ROC) {
                points.add(new double[] {(double) fp / neg, (double) tp / pos});
            } else {
                double recall = (double) tp / pos;
                double precision = (double) tp / (tp + fp);
                ap += (recall - lastRecall) * precision; // scikit-learn's average_precision_score
                lastRecall = recall;
                points.add(new double[] {recall, precision});
            }
            i = j;
        }
        double[] x = points.stream().mapToDouble(q -> q[0]).toArray();
        double[] yy = points.stream().mapToDouble(q -> q[1]).toArray();
        return new Curve(x, yy, kind == Kind.ROC ? RocAuc.of(s, y) : ap);
    }

    /** y at x on the polyline (x ascending, vertical steps allowed: the highest y at that x, as numpy's interp on sorted x). */
    static double interpolate(double[] x, double[] y, double at) {
        int last = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= at) {
                last = i;
            }
        }
        if (last < 0) {
            return y[0];
        }
        if (last == x.length - 1 || x[last] == at) {
            return y[last];
        }
        double t = (at - x[last]) / (x[last + 1] - x[last]);
        return y[last] + t * (y[last + 1] - y[last]);
    }

    /** The best y at x ≥ at: interpolated precision at a recall. */
    static double bestAtOrAbove(double[] x, double[] y, double at) {
        double best = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= at - 1e-12) {
                best = Math.max(best, y[i]);
            }
        }
        return best;
    }

    private static double trapezoid(double[] x, double[] y) {
        double a = 0;
        for (int i = 1; i < x.length; i++) {
            a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return a;
    }

    private static double[] column(double[][] m, int k) {
        return Arrays.stream(m).mapToDouble(r -> r[k]).toArray();
    }

    private static int[] column(int[][] m, int k) {
        return Arrays.stream(m).mapToInt(r -> r[k]).toArray();
    }
}
