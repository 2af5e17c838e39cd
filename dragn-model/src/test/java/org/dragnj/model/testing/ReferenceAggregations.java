package org.dragnj.model.testing;

import java.util.Arrays;

/**
 * The baseline aggregations written as plainly as possible (loops, double, no ND4J), for
 * comparison with the vertices. A bag of maps is [instance][channel][y][x]; a bag of feature
 * vectors is [instance][channel].
 */
public final class ReferenceAggregations {

    private ReferenceAggregations() {
    }

    public static double[][][] mean(double[][][][] bag) {
        double[][][] out = zerosLike(bag[0]);
        for (double[][][] inst : bag) {
            forEach(out, (c, y, x) -> out[c][y][x] += inst[c][y][x] / bag.length);
        }
        return out;
    }

    public static double[][][] max(double[][][][] bag) {
        double[][][] out = zerosLike(bag[0]);
        forEach(out, (c, y, x) -> {
            double m = Double.NEGATIVE_INFINITY;
            for (double[][][] inst : bag) {
                m = Math.max(m, inst[c][y][x]);
            }
            out[c][y][x] = m;
        });
        return out;
    }

    /** Global average pooling of each instance. */
    public static double[][] features(double[][][][] bag) {
        double[][] f = new double[bag.length][bag[0].length];
        for (int l = 0; l < bag.length; l++) {
            for (int c = 0; c < bag[l].length; c++) {
                double s = 0;
                int n = 0;
                for (double[] row : bag[l][c]) {
                    for (double v : row) {
                        s += v;
                        n++;
                    }
                }
                f[l][c] = s / n;
            }
        }
        return f;
    }

    /** Softmax-weighted sum of feature vectors; returns {result [C], weights [L]}. */
    public static double[][] attend(double[][] f, double[] scores) {
        double max = Arrays.stream(scores).max().orElseThrow();
        double[] a = new double[scores.length];
        double sum = 0;
        for (int l = 0; l < scores.length; l++) {
            a[l] = Math.exp(scores[l] - max);
            sum += a[l];
        }
        double[] r = new double[f[0].length];
        for (int l = 0; l < scores.length; l++) {
            a[l] /= sum;
            for (int c = 0; c < r.length; c++) {
                r[c] += a[l] * f[l][c];
            }
        }
        return new double[][] {r, a};
    }

    /** NAN: block 0 with query q0; with w1 non-null, block 1 with query tanh(W1 r0 + b1). {r, weights of the last block}. */
    public static double[][] nan(double[][] f, double[] q0, double[][] w1, double[] b1) {
        double[][] block = attend(f, scores(f, q0));
        if (w1 == null) {
            return block;
        }
        double[] q1 = new double[q0.length];
        for (int i = 0; i < q1.length; i++) {
            double z = b1[i];
            for (int j = 0; j < q1.length; j++) {
                z += w1[i][j] * block[0][j];
            }
            q1[i] = Math.tanh(z);
        }
        return attend(f, scores(f, q1));
    }

    /** Gated attention: score_l = w · (tanh(V f_l + bV) ⊙ sigm(U f_l + bU)). {r, weights}. */
    public static double[][] gated(double[][] f, double[][] v, double[] bv, double[][] u, double[] bu, double[] w) {
        double[] scores = new double[f.length];
        for (int l = 0; l < f.length; l++) {
            for (int d = 0; d < w.length; d++) {
                double pv = bv[d];
                double pu = bu[d];
                for (int c = 0; c < f[l].length; c++) {
                    pv += v[d][c] * f[l][c];
                    pu += u[d][c] * f[l][c];
                }
                scores[l] += w[d] * Math.tanh(pv) / (1 + Math.exp(-pu));
            }
        }
        return attend(f, scores);
    }

    /** Attention (ungated): score_l = w · tanh(V f_l + bV). {r, weights}. */
    public static double[][] tanhAttention(double[][] f, double[][] v, double[] bv, double[] w) {
        double[] scores = new double[f.length];
        for (int l = 0; l < f.length; l++) {
            for (int d = 0; d < w.length; d++) {
                double pv = bv[d];
                for (int c = 0; c < f[l].length; c++) {
                    pv += v[d][c] * f[l][c];
                }
                scores[l] += w[d] * Math.tanh(pv);
            }
        }
        return attend(f, scores);
    }

    /** SPoC with the given normalised prior [h·w]: per-instance weighted sums, averaged over the bag. */
    public static double[] spoc(double[][][][] bag, double[] prior) {
        double[] out = new double[bag[0].length];
        for (double[][][] inst : bag) {
            for (int c = 0; c < out.length; c++) {
                int w = inst[c][0].length;
                for (int y = 0; y < inst[c].length; y++) {
                    for (int x = 0; x < w; x++) {
                        out[c] += prior[y * w + x] * inst[c][y][x] / bag.length;
                    }
                }
            }
        }
        return out;
    }

    private static double[] scores(double[][] f, double[] q) {
        double[] e = new double[f.length];
        for (int l = 0; l < f.length; l++) {
            for (int c = 0; c < q.length; c++) {
                e[l] += q[c] * f[l][c];
            }
        }
        return e;
    }

    private interface Cell {
        void at(int c, int y, int x);
    }

    private static void forEach(double[][][] a, Cell cell) {
        for (int c = 0; c < a.length; c++) {
            for (int y = 0; y < a[c].length; y++) {
                for (int x = 0; x < a[c][y].length; x++) {
                    cell.at(c, y, x);
                }
            }
        }
    }

    private static double[][][] zerosLike(double[][][] a) {
        return new double[a.length][a[0].length][a[0][0].length];
    }
}
