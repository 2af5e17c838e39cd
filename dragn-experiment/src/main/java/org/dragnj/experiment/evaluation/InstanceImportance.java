package org.dragnj.experiment.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.bags.Rows;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.ScoreGradients;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures which instances a model's score of a bag rests on ({@link BagImportance}): leave-one-out
 * changes for every aggregation, the gradient of each label's probability with respect to each
 * instance's trunk features, and attention weights where the aggregation has them.
 *
 * <p>Where the trunk sees single instances (POST, SI), everything runs on the head of a
 * {@link FrozenTrunk}: the trunk computes each instance's features once, and the n leave-one-out
 * variants of a bag re-run only the aggregation and the classifier (the same numbers as the whole
 * model: the trunk treats every instance alone). In PRE mode the trunk reads the aggregated image, so
 * the variants re-run the whole model and there are no per-instance features to differentiate.
 *
 * <p>Every bag is scored in its own instance order, and each variant in that order without instance
 * i, never averaged over random orders: for an order-dependent aggregation (DRAGN) the change must
 * come from removing the instance, not from reshuffling the others.
 */
public final class InstanceImportance {

    /** Elements (trunk features or pixels) one leave-one-out batch may hold: 256 MB of floats. */
    static final long ELEMENT_BUDGET = 64L << 20;

    private final Optional<FrozenTrunk> trunk;
    private final BagClassifier scorer;
    private final Optional<ScoreGradients> gradients;
    private final int labels;
    private final long elementBudget;

    private InstanceImportance(Optional<FrozenTrunk> trunk, BagClassifier scorer, Optional<ScoreGradients> gradients,
            long elementBudget) {
        this.trunk = trunk;
        this.elementBudget = elementBudget;
        this.scorer = scorer;
        this.gradients = gradients;
        this.labels = scorer.spec().numLabels();
    }

    public static InstanceImportance of(DragnModel model) {
        return of(model, ELEMENT_BUDGET);
    }

    /** With another budget for a leave-one-out batch (tests: 1, a batch per variant). */
    static InstanceImportance of(DragnModel model, long elementBudget) {
        boolean trunkSeesInstances = model.spec().mode() == AggregationMode.POST
                || !model.spec().aggregation().hasVertex();
        if (!trunkSeesInstances) {
            return new InstanceImportance(Optional.empty(), model, Optional.empty(), elementBudget);
        }
        FrozenTrunk split = FrozenTrunk.of(model);
        return new InstanceImportance(Optional.of(split), split.head(), Optional.of(ScoreGradients.of(split.head())),
                elementBudget);
    }

    /** Whether {@link BagImportance#gradient()} has values (not in PRE mode). */
    public boolean hasGradients() {
        return gradients.isPresent();
    }

    /** Every bag of the batch (its labels are not read). */
    public List<BagImportance> measure(BagBatch batch) {
        INDArray seenInstances = trunk.map(t -> t.features(batch.instances())).orElse(batch.instances()).dup('c');
        BagBatch seen = new BagBatch(batch.bagIds(), seenInstances, batch.bagMask(), null);
        INDArray scores = scorer.predict(seen);
        Optional<INDArray> attention = scorer.attention(seen);
        INDArray gradient = gradients.map(g -> g.gradientTimesInput(seen)).orElse(null);
        double[][][] leaveOneOut = leaveOneOut(seen);
        BagLayout layout = batch.layout();
        List<BagImportance> out = new ArrayList<>(batch.size());
        for (int b = 0; b < batch.size(); b++) {
            int offset = layout.offset(b);
            int n = layout.length(b);
            double[][] g = new double[n][labels];
            double[] a = attention.isPresent() ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < labels; k++) {
                    g[i][k] = gradient == null ? Double.NaN : gradient.getDouble(offset + i, k);
                }
                if (a != null) {
                    a[i] = attention.get().getDouble(offset + i);
                }
            }
            INDArray images = batch.instances().get(Rows.of(offset, n, batch.instances().rank()));
            out.add(new BagImportance(batch.bagIds().get(b), row(scores, b), leaveOneOut[b], g, a, images));
        }
        return out;
    }

    /**
     * Per bag [n][K]: the scores of the bag without each instance. All variants of a batch's bags go
     * through the classifier in as few batches as the element budget allows (a bag of n gives n bags
     * of n − 1, which a batch of mixed lengths holds as well as one of equal lengths).
     */
    private double[][][] leaveOneOut(BagBatch seen) {
        BagLayout layout = seen.layout();
        INDArray instances = seen.instances();
        INDArray flat = instances.reshape(instances.size(0), -1);
        long budgetRows = Math.max(1, elementBudget / flat.size(1));
        double[][][] out = new double[layout.bags()][][];
        List<int[]> chunk = new ArrayList<>(); // {bag, dropped instance}
        long chunkRows = 0;
        for (int b = 0; b < layout.bags(); b++) {
            int n = layout.length(b);
            out[b] = new double[n][labels];
            if (n == 1) {
                Arrays.fill(out[b][0], Double.NaN);
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (!chunk.isEmpty() && chunkRows + n - 1 > budgetRows) {
                    scoreVariants(seen, flat, chunk, out);
                    chunk.clear();
                    chunkRows = 0;
                }
                chunk.add(new int[] {b, i});
                chunkRows += n - 1;
            }
        }
        if (!chunk.isEmpty()) {
            scoreVariants(seen, flat, chunk, out);
        }
        return out;
    }

    private void scoreVariants(BagBatch seen, INDArray flat, List<int[]> variants, double[][][] out) {
        BagLayout layout = seen.layout();
        int[] lengths = new int[variants.size()];
        List<String> ids = new ArrayList<>(variants.size());
        int[] rows = new int[variants.stream().mapToInt(v -> layout.length(v[0]) - 1).sum()];
        int r = 0;
        for (int v = 0; v < variants.size(); v++) {
            int bag = variants.get(v)[0];
            int dropped = variants.get(v)[1];
            lengths[v] = layout.length(bag) - 1;
            ids.add(seen.bagIds().get(bag) + " without " + dropped);
            for (int j = 0; j < layout.length(bag); j++) {
                if (j != dropped) {
                    rows[r++] = layout.offset(bag) + j;
                }
            }
        }
        long[] shape = seen.instances().shape().clone();
        shape[0] = rows.length;
        INDArray packed = Nd4j.pullRows(flat, 1, rows).reshape(shape);
        INDArray scores = scorer.predict(new BagBatch(ids, packed, new BagLayout(lengths).toMask(seen.bagMask().dataType()),
                null));
        for (int v = 0; v < variants.size(); v++) {
            out[variants.get(v)[0]][variants.get(v)[1]] = row(scores, v);
        }
    }

    private static double[] row(INDArray scores, int row) {
        double[] out = new double[(int) scores.size(1)];
        for (int k = 0; k < out.length; k++) {
            out[k] = scores.getDouble(row, k);
        }
        return out;
    }
}
