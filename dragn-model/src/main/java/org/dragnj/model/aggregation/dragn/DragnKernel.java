package org.dragnj.model.aggregation.dragn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.dragnj.model.aggregation.BagVertexImpl;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Algorithm 1 for a group of bags of equal length n, forward and backward, as direct 3x3
 * convolutions over zero-padded planes (see {@link PlaneGeometry}).
 *
 * <p>Why a kernel of its own: the unit convolves maps of a few dozen pixels (6x10 for ResNet-18
 * features) with 3 input and 1–3 output channels, for hundreds of thousands of windows. libnd4j's
 * and oneDNN's convolutions run such shapes at 1–2 GFLOP/s, and stacking the windows costs as much
 * again; these loops read each window straight from the round's planes and run an order of
 * magnitude faster (see dragn-bench).
 *
 * <p>Layout: a <em>slab</em> is one block of {@link PlaneGeometry#lanes() lanes} feature channels of
 * one bag (slab = b·blocks + k), channels innermost; it holds the bag's m maps of those channels as
 * consecutive planes. Every tap of the unit's convolution is then one multiply-add over a long
 * contiguous run, the same weight for every lane, which {@link VectorFloatPlaneOps} runs as SIMD
 * instructions. A round turns [slabs][m] planes into
 * [slabs][m − 2]; within a round each unit layer is computed for all windows of all slabs before
 * the next, because BatchNorm needs the whole round's statistics. Slabs are processed in parallel,
 * in fixed chunks whose partial sums are added in chunk order, so results do not depend on thread
 * scheduling. The backward pass keeps only each round's input planes and recomputes the round's
 * hidden activations (L2, L3; L1 has none).
 *
 * @param <A> float[] or double[], matching the network's data type
 */
final class DragnKernel<A> {

    static final double BN_EPS = 1e-5;
    /** Values a plane may hold when choosing its lanes: three input planes and one output stay in a core's L1/L2. */
    private static final int PLANE_VALUES = 4096;
    /** Plane values a parallel task should at least cover. */
    private static final int CHUNK_VALUES = 4096;

    private final PlaneOps<A> ops;
    private final UnitArchitecture arch;

    DragnKernel(PlaneOps<A> ops, UnitArchitecture arch) {
        this.ops = ops;
        this.arch = arch;
    }

    /** The unit's parameters as plain arrays, read once per pass. Weights [out][in=3][9] flattened. */
    record Params(double[][] w, double[][] wRotated, double[][] b, double[][] gamma, double[][] beta,
            double[][] runningMean, double[][] runningVar) {
    }

    /** Gradient accumulators, shaped like {@link Params}. */
    record Grads(double[][] w, double[][] b, double[][] gamma, double[][] beta) {
    }

    /** BatchNorm normalisation used in one round: per hidden stage, per channel; batch or running statistics. */
    private record RoundStats(double[][] mean, double[][] var, double[][] invStd, boolean batch) {
    }

    /** What a group's forward pass keeps for its backward pass. */
    static final class Forward<A> implements BagVertexImpl.GroupForward {
        private final int bags;
        private final int length;
        private final long channels;
        private final PlaneGeometry geometry;
        private final List<A> roundInputs = new ArrayList<>();
        private final List<RoundStats> roundStats = new ArrayList<>();
        private int finalLength;
        private INDArray output;

        private Forward(int bags, int length, long channels, PlaneGeometry geometry) {
            this.bags = bags;
            this.length = length;
            this.channels = channels;
            this.geometry = geometry;
        }

        private int slabs() {
            return Math.toIntExact(bags * channels / geometry.lanes());
        }

        @Override
        public INDArray output() {
            return output;
        }
    }

    /**
     * instances [bags·n, C, h, w] → [bags, C, h, w]. With {@code runningUpdate} non-null (training),
     * BatchNorm uses batch statistics and folds them into the given running estimates, one update
     * per round as PyTorch does per call. {@code keepForBackward}: keep what backprop reads even without
     * training (gradients of the model as it predicts).
     */
    Forward<A> forward(INDArray instances, int bags, int length, Params p, double[][][] runningUpdate, double decay,
            boolean keepForBackward) {
        long c = instances.size(1);
        PlaneGeometry g = geometry(c, instances.size(2), instances.size(3));
        Forward<A> f = new Forward<>(bags, length, c, g);
        boolean training = runningUpdate != null;
        boolean keep = training || keepForBackward;
        int slabs = f.slabs();
        A current = ops.pack(toSlabs(instances, bags, length, g), g);
        int m = length;
        while (m >= 3) {
            RoundStats stats = arch.batchNorm() && !training ? runningStats(p) : null;
            Round round = round(current, slabs, m, g, p, stats, false);
            if (keep) {
                f.roundInputs.add(current);
            }
            if (training && arch.batchNorm()) {
                foldIntoRunning(round.stats, slabs * (m - 2) * (long) g.interior(), runningUpdate, decay);
            }
            f.roundStats.add(round.stats);
            current = round.output;
            m -= 2;
        }
        f.finalLength = m;
        A result = current;
        if (m == 2) {
            A pair = current;
            A mean = ops.allocate(slabs * g.size());
            parallel(slabs, g, s -> {
                ops.scaleInto(mean, s, pair, 2 * s, 0.5, g);
                ops.combine(mean, s, 1, pair, 2 * s + 1, 0.5, 0, g);
            });
            result = mean;
        }
        f.output = fromSlabs(ops.unpack(result, slabs, g), bags, 1, c, g);
        return f;
    }

    /** Output gradient [bags, C, h, w] → instance gradient [bags·n, C, h, w]; parameter gradients added to {@code grads}. */
    INDArray backward(Forward<A> f, INDArray outputGradient, Params p, Grads grads) {
        PlaneGeometry g = f.geometry;
        int slabs = f.slabs();
        A d = ops.pack(toSlabs(outputGradient, f.bags, 1, g), g);
        if (f.finalLength == 2) {
            A last = d;
            A split = ops.allocate(2 * slabs * g.size());
            parallel(slabs, g, s -> {
                ops.scaleInto(split, 2 * s, last, s, 0.5, g);
                ops.scaleInto(split, 2 * s + 1, last, s, 0.5, g);
            });
            d = split;
        }
        int m = f.finalLength;
        for (int r = f.roundInputs.size() - 1; r >= 0; r--) {
            A input = f.roundInputs.get(r);
            m += 2;
            // A unit without hidden stages (L1) needs nothing of the round but its input.
            Round recomputed = arch.convolutions() > 1 ? round(input, slabs, m, g, p, f.roundStats.get(r), true) : null;
            d = backwardRound(input, recomputed, d, slabs, m, g, p, grads);
        }
        return fromSlabs(ops.unpack(d, slabs * f.length, g), f.bags, f.length, f.channels, g);
    }

    /** One round's output and, when kept, the hidden stages' pre-BN values and post-ReLU activations. */
    private final class Round {
        A output;
        RoundStats stats;
        final List<A> preActivations = new ArrayList<>();
        final List<A> activations = new ArrayList<>();
    }

    /**
     * One round on input planes [slabs][m]. {@code fixedStats} null means: normalise with this
     * round's batch statistics (training) and report them.
     */
    private Round round(A input, int slabs, int m, PlaneGeometry g, Params p, RoundStats fixedStats, boolean keep) {
        int windows = m - 2;
        int convs = arch.convolutions();
        Round out = new Round();
        int c0 = arch.outChannels(0);
        A z = ops.allocate(slabs * windows * c0 * g.size());
        parallel(slabs, g, s -> {
            for (int j = 0; j < windows; j++) {
                for (int o = 0; o < c0; o++) {
                    int zp = (s * windows + j) * c0 + o;
                    ops.convolveFrom(z, zp, p.b()[0][o], input, s * m + j, p.w()[0], o * 27, g);
                    for (int dz = 1; dz < 3; dz++) {
                        ops.convolve(z, zp, input, s * m + j + dz, p.w()[0], (o * 3 + dz) * 9, g);
                    }
                    ops.zeroBorderColumns(z, zp, g);
                }
            }
        });
        double[][] mean = new double[Math.max(0, convs - 1)][];
        double[][] var = new double[Math.max(0, convs - 1)][];
        double[][] invStd = new double[Math.max(0, convs - 1)][];
        A current = z;
        for (int k = 1; k < convs; k++) {
            int stage = k - 1;
            int planes = slabs * windows * UnitArchitecture.HIDDEN;
            if (keep) {
                A copy = ops.allocate(planes * g.size());
                System.arraycopy(current, 0, copy, 0, planes * g.size());
                out.preActivations.add(copy);
            }
            double[] scale = new double[UnitArchitecture.HIDDEN];
            double[] shift = new double[UnitArchitecture.HIDDEN];
            java.util.Arrays.fill(scale, 1);
            if (arch.batchNorm()) {
                if (fixedStats == null) {
                    double[][] moments = channelMoments(current, slabs, windows, g);
                    mean[stage] = moments[0];
                    var[stage] = moments[1];
                    invStd[stage] = new double[UnitArchitecture.HIDDEN];
                    for (int o = 0; o < UnitArchitecture.HIDDEN; o++) {
                        invStd[stage][o] = 1 / Math.sqrt(moments[1][o] + BN_EPS);
                    }
                } else {
                    mean[stage] = fixedStats.mean[stage];
                    var[stage] = fixedStats.var[stage];
                    invStd[stage] = fixedStats.invStd[stage];
                }
                for (int o = 0; o < UnitArchitecture.HIDDEN; o++) {
                    scale[o] = p.gamma()[stage][o] * invStd[stage][o];
                    shift[o] = p.beta()[stage][o] - mean[stage][o] * scale[o];
                }
            }
            A act = current;
            parallel(slabs, g, s -> {
                for (int q = s * windows * UnitArchitecture.HIDDEN; q < (s + 1) * windows * UnitArchitecture.HIDDEN; q++) {
                    int o = q % UnitArchitecture.HIDDEN;
                    ops.affineRelu(act, q, scale[o], shift[o], g);
                }
            });
            if (keep) {
                out.activations.add(act);
            }
            int ck = arch.outChannels(k);
            A next = ops.allocate(slabs * windows * ck * g.size());
            double[] w = p.w()[k];
            double[] b = p.b()[k];
            parallel(slabs, g, s -> {
                for (int j = 0; j < windows; j++) {
                    for (int o = 0; o < ck; o++) {
                        int np = (s * windows + j) * ck + o;
                        int first = (s * windows + j) * UnitArchitecture.HIDDEN;
                        ops.convolveFrom(next, np, b[o], act, first, w, o * 27, g);
                        for (int i = 1; i < UnitArchitecture.HIDDEN; i++) {
                            ops.convolve(next, np, act, first + i, w, (o * 3 + i) * 9, g);
                        }
                        ops.zeroBorderColumns(next, np, g);
                    }
                }
            });
            current = next;
        }
        out.output = current;
        out.stats = arch.batchNorm() ? new RoundStats(mean, var, invStd, fixedStats == null || fixedStats.batch) : null;
        return out;
    }

    private A backwardRound(A input, Round r, A dOutput, int slabs, int m, PlaneGeometry g, Params p, Grads grads) {
        int windows = m - 2;
        A d = dOutput;
        for (int k = arch.convolutions() - 1; k >= 1; k--) {
            int stage = k - 1;
            int ck = arch.outChannels(k);
            A act = r.activations.get(stage);
            A dOut = d;
            A dAct = ops.allocate(slabs * windows * UnitArchitecture.HIDDEN * g.size());
            double[] wRot = p.wRotated()[k];
            accumulate(slabs, g, grads.w()[k], grads.b()[k], (s, dw, db) -> {
                for (int j = 0; j < windows; j++) {
                    for (int o = 0; o < ck; o++) {
                        int op = (s * windows + j) * ck + o;
                        db[o] += ops.sum(dOut, op, g);
                        for (int i = 0; i < UnitArchitecture.HIDDEN; i++) {
                            int ip = (s * windows + j) * UnitArchitecture.HIDDEN + i;
                            ops.convolve(dAct, ip, dOut, op, wRot, (o * 3 + i) * 9, g);
                            ops.weightGradient(dOut, op, act, ip, dw, (o * 3 + i) * 9, g);
                        }
                    }
                    for (int i = 0; i < UnitArchitecture.HIDDEN; i++) {
                        int ip = (s * windows + j) * UnitArchitecture.HIDDEN + i;
                        ops.zeroBorderColumns(dAct, ip, g);
                        ops.reluMask(dAct, ip, act, ip, g);
                    }
                }
            });
            if (arch.batchNorm()) {
                batchNormBackward(dAct, r.preActivations.get(stage), r.stats, stage, slabs, windows, g, p, grads);
            }
            d = dAct;
        }
        A dZ = d;
        int c0 = arch.outChannels(0);
        A dInput = ops.allocate(slabs * m * g.size());
        double[] wRot = p.wRotated()[0];
        accumulate(slabs, g, grads.w()[0], grads.b()[0], (s, dw, db) -> {
            for (int j = 0; j < windows; j++) {
                for (int o = 0; o < c0; o++) {
                    int zp = (s * windows + j) * c0 + o;
                    db[o] += ops.sum(dZ, zp, g);
                    for (int dz = 0; dz < 3; dz++) {
                        ops.convolve(dInput, s * m + j + dz, dZ, zp, wRot, (o * 3 + dz) * 9, g);
                        ops.weightGradient(dZ, zp, input, s * m + j + dz, dw, (o * 3 + dz) * 9, g);
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                ops.zeroBorderColumns(dInput, s * m + j, g);
            }
        });
        return dInput;
    }

    /**
     * In place: gradient after BN+ReLU → gradient of the pre-BN values. With batch statistics
     * dz = γ σ⁻¹ (dy − mean(dy) − x̂ · mean(dy · x̂)); with running statistics dz = γ σ⁻¹ dy.
     */
    private void batchNormBackward(A dAct, A pre, RoundStats stats, int stage, int slabs, int windows, PlaneGeometry g,
            Params p, Grads grads) {
        int hidden = UnitArchitecture.HIDDEN;
        double[][] partial = new double[chunks(slabs, g)][2 * hidden];
        parallelChunks(slabs, g, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                for (int q = s * windows * hidden; q < (s + 1) * windows * hidden; q++) {
                    int o = q % hidden;
                    partial[chunk][o] += ops.sum(dAct, q, g);
                    partial[chunk][hidden + o] += ops.dot(dAct, q, pre, q, g);
                }
            }
        });
        double[] sumD = new double[hidden];
        double[] sumDZ = new double[hidden];
        for (double[] part : partial) {
            for (int o = 0; o < hidden; o++) {
                sumD[o] += part[o];
                sumDZ[o] += part[hidden + o];
            }
        }
        double count = (double) slabs * windows * g.interior();
        double[] alpha = new double[hidden];
        double[] beta = new double[hidden];
        double[] constant = new double[hidden];
        for (int o = 0; o < hidden; o++) {
            double mean = stats.mean[stage][o];
            double inv = stats.invStd[stage][o];
            double sumDXhat = inv * (sumDZ[o] - mean * sumD[o]);
            grads.gamma()[stage][o] += sumDXhat;
            grads.beta()[stage][o] += sumD[o];
            double c1 = p.gamma()[stage][o] * inv;
            alpha[o] = c1;
            if (stats.batch) {
                beta[o] = -c1 / count * sumDXhat * inv;
                constant[o] = -c1 / count * sumD[o] + c1 / count * sumDXhat * inv * mean;
            }
        }
        parallel(slabs, g, s -> {
            for (int q = s * windows * hidden; q < (s + 1) * windows * hidden; q++) {
                int o = q % hidden;
                ops.combine(dAct, q, alpha[o], pre, q, beta[o], constant[o], g);
            }
        });
    }

    /** Per hidden channel: mean and biased variance over all windows of all slabs, interior pixels. */
    private double[][] channelMoments(A z, int slabs, int windows, PlaneGeometry g) {
        int hidden = UnitArchitecture.HIDDEN;
        double count = (double) slabs * windows * g.interior();
        double[][] sums = new double[chunks(slabs, g)][hidden];
        parallelChunks(slabs, g, (chunk, from, to) -> {
            for (int q = from * windows * hidden; q < to * windows * hidden; q++) {
                sums[chunk][q % hidden] += ops.sum(z, q, g);
            }
        });
        double[] mean = new double[hidden];
        for (double[] part : sums) {
            for (int o = 0; o < hidden; o++) {
                mean[o] += part[o] / count;
            }
        }
        double[][] squares = new double[chunks(slabs, g)][hidden];
        parallelChunks(slabs, g, (chunk, from, to) -> {
            for (int q = from * windows * hidden; q < to * windows * hidden; q++) {
                squares[chunk][q % hidden] += ops.sumSquaredDeviation(z, q, mean[q % hidden], g);
            }
        });
        double[] var = new double[hidden];
        for (double[] part : squares) {
            for (int o = 0; o < hidden; o++) {
                var[o] += part[o] / count;
            }
        }
        return new double[][] {mean, var};
    }

    private RoundStats runningStats(Params p) {
        int stages = arch.convolutions() - 1;
        double[][] invStd = new double[stages][UnitArchitecture.HIDDEN];
        for (int k = 0; k < stages; k++) {
            for (int o = 0; o < UnitArchitecture.HIDDEN; o++) {
                invStd[k][o] = 1 / Math.sqrt(p.runningVar()[k][o] + BN_EPS);
            }
        }
        return new RoundStats(p.runningMean(), p.runningVar(), invStd, false);
    }

    /** running = decay · running + (1 − decay) · batch; the variance estimate unbiased as in PyTorch. */
    private static void foldIntoRunning(RoundStats stats, long count, double[][][] running, double decay) {
        for (int k = 0; k < stats.mean.length; k++) {
            for (int o = 0; o < stats.mean[k].length; o++) {
                double var = stats.var[k][o];
                double unbiased = count > 1 ? var * count / (count - 1) : var;
                running[0][k][o] = decay * running[0][k][o] + (1 - decay) * stats.mean[k][o];
                running[1][k][o] = decay * running[1][k][o] + (1 - decay) * unbiased;
            }
        }
    }

    // ---- layout helpers ----------------------------------------------------------------------------

    /**
     * Planes of C feature channels of h x w maps: the most lanes that divide C and keep a plane
     * within {@link #PLANE_VALUES} values (at least one lane).
     */
    static PlaneGeometry geometry(long channels, long height, long width) {
        int h = Math.toIntExact(height);
        int w = Math.toIntExact(width);
        int lanes = (int) Math.max(1, Math.min(channels, PLANE_VALUES / ((h + 2L) * (w + 2L))));
        while (channels % lanes != 0) {
            lanes--;
        }
        return new PlaneGeometry(h, w, lanes);
    }

    /**
     * Maps [bags·n, C, h, w] (row b·n + j) → [bags·blocks·n, h, w·lanes]: map j of channel block k of
     * bag b becomes plane (b·blocks + k)·n + j, channels innermost.
     */
    private static INDArray toSlabs(INDArray maps, int bags, int n, PlaneGeometry g) {
        long blocks = maps.size(1) / g.lanes();
        return maps.reshape('c', bags, n, blocks, g.lanes(), g.height(), g.width()).permute(0, 2, 1, 4, 5, 3).dup('c')
                .reshape('c', bags * blocks * n, g.height(), (long) g.width() * g.lanes());
    }

    /** Inverse of {@link #toSlabs}: [bags·blocks·n, h, w·lanes] → [bags·n, C, h, w]. */
    private static INDArray fromSlabs(INDArray planes, int bags, int n, long channels, PlaneGeometry g) {
        long blocks = channels / g.lanes();
        return planes.reshape('c', bags, blocks, n, g.height(), g.width(), g.lanes()).permute(0, 2, 1, 5, 3, 4).dup('c')
                .reshape('c', (long) bags * n, channels, g.height(), g.width());
    }

    // ---- parallel loops over slabs ---------------------------------------------------------------

    private interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    private interface SlabAccumulation {
        void run(int slab, double[] weightGrad, double[] biasGrad);
    }

    /**
     * Slabs per parallel task: enough planes for a task to outweigh its hand-off, a function of the
     * shapes only, so that the partial sums, added in chunk order, do not depend on the machine.
     */
    private static int slabsPerChunk(PlaneGeometry g) {
        return Math.max(1, CHUNK_VALUES / g.size());
    }

    private static int chunks(int slabs, PlaneGeometry g) {
        return (slabs + slabsPerChunk(g) - 1) / slabsPerChunk(g);
    }

    private static void parallelChunks(int slabs, PlaneGeometry g, ChunkBody body) {
        int per = slabsPerChunk(g);
        IntStream.range(0, chunks(slabs, g)).parallel().forEach(chunk -> body.run(chunk, chunk * per,
                Math.min(slabs, (chunk + 1) * per)));
    }

    private static void parallel(int slabs, PlaneGeometry g, IntConsumer perSlab) {
        parallelChunks(slabs, g, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                perSlab.accept(s);
            }
        });
    }

    /** Runs per-slab work that accumulates weight and bias gradients; partial sums are added in chunk order. */
    private static void accumulate(int slabs, PlaneGeometry g, double[] weightGrad, double[] biasGrad,
            SlabAccumulation body) {
        double[][] w = new double[chunks(slabs, g)][weightGrad.length];
        double[][] b = new double[chunks(slabs, g)][biasGrad.length];
        parallelChunks(slabs, g, (chunk, from, to) -> {
            for (int s = from; s < to; s++) {
                body.run(s, w[chunk], b[chunk]);
            }
        });
        for (int c = 0; c < w.length; c++) {
            for (int i = 0; i < weightGrad.length; i++) {
                weightGrad[i] += w[c][i];
            }
            for (int i = 0; i < biasGrad.length; i++) {
                biasGrad[i] += b[c][i];
            }
        }
    }
}
