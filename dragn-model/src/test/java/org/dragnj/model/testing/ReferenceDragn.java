package org.dragnj.model.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dragnj.model.aggregation.dragn.UnitArchitecture;

/**
 * Algorithm 1 written as plainly as possible, for comparison with the vertex: loops over bags,
 * rounds, windows, channels and pixels, double precision, no ND4J.
 *
 * <p>BatchNorm with batch statistics pools every window of every bag and channel of one round,
 * like the vertex's batched round does; with running statistics it uses the stored ones.
 */
public final class ReferenceDragn {

    private static final double EPS = 1e-5;

    private final UnitArchitecture arch;
    private final Map<String, double[]> params;
    private final boolean batchStatistics;
    /** Batch mean and biased variance of every BatchNorm call, in call order: {stage, channel, mean, var, count}. */
    private final List<double[]> batchMoments = new ArrayList<>();

    /** @param params the unit's parameters by name, flattened in 'c' order */
    public ReferenceDragn(UnitArchitecture arch, Map<String, double[]> params, boolean batchStatistics) {
        this.arch = arch;
        this.params = params;
        this.batchStatistics = batchStatistics;
    }

    /** Aggregates bags of equal length; bag b is {@code bags.get(b)[instance][channel][y][x]}. */
    public List<double[][][]> aggregate(List<double[][][][]> bags) {
        int bagCount = bags.size();
        List<double[][][][]> current = new ArrayList<>(bags);
        int n = bags.get(0).length;
        while (n >= 3) {
            // Gather every window of this round: one unit input per (bag, window, channel).
            List<double[][][]> unitInputs = new ArrayList<>();
            for (double[][][][] bag : current) {
                for (int j = 0; j + 2 < n; j++) {
                    for (int c = 0; c < bag[0].length; c++) {
                        unitInputs.add(new double[][][] {bag[j][c], bag[j + 1][c], bag[j + 2][c]});
                    }
                }
            }
            List<double[][]> unitOutputs = unit(unitInputs);
            List<double[][][][]> next = new ArrayList<>();
            int k = 0;
            for (double[][][][] bag : current) {
                double[][][][] out = new double[n - 2][bag[0].length][][];
                for (int j = 0; j + 2 < n; j++) {
                    for (int c = 0; c < bag[0].length; c++) {
                        out[j][c] = unitOutputs.get(k++);
                    }
                }
                next.add(out);
            }
            current = next;
            n -= 2;
        }
        List<double[][][]> result = new ArrayList<>();
        for (int b = 0; b < bagCount; b++) {
            double[][][][] bag = current.get(b);
            if (n == 1) {
                result.add(bag[0]);
            } else {
                double[][][] mean = new double[bag[0].length][bag[0][0].length][bag[0][0][0].length];
                for (int c = 0; c < mean.length; c++) {
                    for (int y = 0; y < mean[c].length; y++) {
                        for (int x = 0; x < mean[c][y].length; x++) {
                            mean[c][y][x] = (bag[0][c][y][x] + bag[1][c][y][x]) / 2;
                        }
                    }
                }
                result.add(mean);
            }
        }
        return result;
    }

    /** The batch moments of every BatchNorm call so far (round by round, stage by stage, channel by channel). */
    public List<double[]> batchMoments() {
        return batchMoments;
    }

    /** One call of the unit on a batch of inputs [3][h][w] → outputs [h][w]. */
    private List<double[][]> unit(List<double[][][]> inputs) {
        List<double[][][]> a = inputs;
        for (int i = 0; i < arch.convolutions(); i++) {
            List<double[][][]> z = new ArrayList<>();
            for (double[][][] in : a) {
                z.add(conv(in, params.get(UnitArchitecture.weight(i)), params.get(UnitArchitecture.bias(i)),
                        arch.outChannels(i)));
            }
            if (i == arch.convolutions() - 1) {
                List<double[][]> out = new ArrayList<>();
                for (double[][][] m : z) {
                    out.add(m[0]);
                }
                return out;
            }
            if (arch.batchNorm()) {
                batchNorm(z, i);
            }
            for (double[][][] m : z) {
                for (double[][] ch : m) {
                    for (double[] row : ch) {
                        for (int x = 0; x < row.length; x++) {
                            row[x] = Math.max(0, row[x]);
                        }
                    }
                }
            }
            a = z;
        }
        throw new IllegalStateException();
    }

    private void batchNorm(List<double[][][]> z, int stage) {
        double[] gamma = params.get(UnitArchitecture.gamma(stage));
        double[] beta = params.get(UnitArchitecture.beta(stage));
        for (int k = 0; k < UnitArchitecture.HIDDEN; k++) {
            double mean;
            double var;
            if (batchStatistics) {
                double sum = 0;
                long count = 0;
                for (double[][][] m : z) {
                    for (double[] row : m[k]) {
                        for (double v : row) {
                            sum += v;
                            count++;
                        }
                    }
                }
                mean = sum / count;
                double sq = 0;
                for (double[][][] m : z) {
                    for (double[] row : m[k]) {
                        for (double v : row) {
                            sq += (v - mean) * (v - mean);
                        }
                    }
                }
                var = sq / count;
                batchMoments.add(new double[] {stage, k, mean, var, count});
            } else {
                mean = params.get(UnitArchitecture.runningMean(stage))[k];
                var = params.get(UnitArchitecture.runningVar(stage))[k];
            }
            for (double[][][] m : z) {
                for (double[] row : m[k]) {
                    for (int x = 0; x < row.length; x++) {
                        row[x] = gamma[k] * (row[x] - mean) / Math.sqrt(var + EPS) + beta[k];
                    }
                }
            }
        }
    }

    /** 3x3 convolution, stride 1, zero padding 1; weights [out][in][3][3] flattened in 'c' order. */
    private static double[][][] conv(double[][][] in, double[] w, double[] b, int outChannels) {
        int inChannels = in.length;
        int h = in[0].length;
        int wd = in[0][0].length;
        double[][][] out = new double[outChannels][h][wd];
        for (int o = 0; o < outChannels; o++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    double s = b[o];
                    for (int i = 0; i < inChannels; i++) {
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                int yy = y + dy - 1;
                                int xx = x + dx - 1;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) {
                                    s += w[((o * inChannels + i) * 3 + dy) * 3 + dx] * in[i][yy][xx];
                                }
                            }
                        }
                    }
                    out[o][y][x] = s;
                }
            }
        }
        return out;
    }
}
