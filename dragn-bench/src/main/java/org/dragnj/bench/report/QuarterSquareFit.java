package org.dragnj.bench.report;

/**
 * The fit of t(n) = a + b · n²/4 through measured times, minimising the relative error
 * Σ ((a + b·xᵢ − tᵢ) / tᵢ)² with xᵢ = nᵢ²/4, so that short and long bags weigh alike. a ≥ 0
 * (a fixed cost per bag) and b ≥ 0 (cost per unit application, as n²/4 approximates their count).
 *
 * @param a seconds
 * @param b seconds per n²/4
 */
public record QuarterSquareFit(double a, double b) {

    public static QuarterSquareFit of(double[] n, double[] seconds) {
        if (n.length != seconds.length || n.length < 2) {
            throw new IllegalArgumentException("need at least two (n, time) points");
        }
        double sww = 0;
        double swx = 0;
        double swxx = 0;
        double swt = 0;
        double swxt = 0;
        for (int i = 0; i < n.length; i++) {
            double w = 1 / (seconds[i] * seconds[i]);
            double x = n[i] * n[i] / 4;
            sww += w;
            swx += w * x;
            swxx += w * x * x;
            swt += w * seconds[i];
            swxt += w * x * seconds[i];
        }
        double det = sww * swxx - swx * swx;
        double a = det == 0 ? 0 : (swt * swxx - swx * swxt) / det;
        double b = det == 0 ? 0 : (sww * swxt - swx * swt) / det;
        if (a < 0 || det == 0) {
            a = 0;
            b = swxt / swxx;
        }
        if (b < 0) {
            b = 0;
            a = swt / sww;
        }
        return new QuarterSquareFit(a, b);
    }

    public double at(double n) {
        return a + b * n * n / 4;
    }
}
