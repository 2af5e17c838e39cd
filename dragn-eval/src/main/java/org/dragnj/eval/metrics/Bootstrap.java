package org.dragnj.eval.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Percentile bootstrap confidence intervals: bags are resampled with replacement, every metric is
 * recomputed on each resample, and the interval spans the middle {@code level} of the resampled
 * values. Test sets in this field are small; the interval shows which differences are real.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** A metric's point estimate and interval. */
    public record Interval(double value, double lower, double upper) {
    }

    /**
     * @param evaluate  computes the metrics of a set of predictions (the rule and thresholds fixed)
     * @param resamples number of bootstrap resamples (e.g. 1000)
     * @param level     interval coverage, e.g. 0.95
     */
    public static Map<Metric, Interval> intervals(Predictions p, Function<Predictions, MetricsResult> evaluate,
            int resamples, double level, long seed) {
        if (resamples < 2 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("need >= 2 resamples and a level in (0, 1)");
        }
        MetricsResult full = evaluate.apply(p);
        Map<Metric, double[]> samples = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            samples.put(m, new double[resamples]);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] index = new int[p.size()];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < index.length; i++) {
                index[i] = rnd.nextInt(p.size());
            }
            MetricsResult m = evaluate.apply(p.rows(index));
            for (Metric metric : Metric.values()) {
                samples.get(metric)[r] = m.get(metric);
            }
        }
        Map<Metric, Interval> out = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            double[] s = Arrays.stream(samples.get(metric)).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double lower = s.length == 0 ? Double.NaN : quantile(s, (1 - level) / 2);
            double upper = s.length == 0 ? Double.NaN : quantile(s, 1 - (1 - level) / 2);
            out.put(metric, new Interval(full.get(metric), lower, upper));
        }
        return out;
    }

    /** Linear interpolation between order statistics (type 7, as numpy's default). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
