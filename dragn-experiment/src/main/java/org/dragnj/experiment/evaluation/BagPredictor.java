package org.dragnj.experiment.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs a model over every bag of an iterator (one epoch, in inference mode) and collects its scores. */
public final class BagPredictor {

    private BagPredictor() {
    }

    /**
     * @param predictions scores and truth per bag
     * @param loss        mean bag loss (bag-level BCE)
     * @param attention   per-instance weights by bag id, for aggregations that have them (in loading order)
     */
    public record Result(Predictions predictions, double loss, Map<String, double[]> attention) {
    }

    public static Result predict(BagClassifier model, BagIterator bags, ProgressListener progress) {
        return predict(model, bags, OrderAveraging.NONE, progress);
    }

    /** As {@link #predict(BagClassifier, BagIterator, ProgressListener)}, scoring each bag as {@code orders} says. */
    public static Result predict(BagClassifier model, BagIterator bags, OrderAveraging orders,
            ProgressListener progress) {
        List<String> ids = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        List<int[]> truth = new ArrayList<>();
        Map<String, double[]> attention = new LinkedHashMap<>();
        double lossSum = 0;
        progress.started("predict", bags.bagCount(), "bags");
        int batchIndex = 0;
        try (BagIterator.Epoch epoch = bags.epoch(0)) {
            while (epoch.hasNext()) {
                BagBatch batch = epoch.next();
                INDArray p = orders.predict(model, batch, batchIndex++);
                lossSum += DragnModel.bagLoss(p, batch.labels());
                Optional<INDArray> a = model.attention(batch);
                BagLayout layout = batch.layout();
                for (int b = 0; b < batch.size(); b++) {
                    ids.add(batch.bagIds().get(b));
                    scores.add(p.getRow(b).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector());
                    double[] y = batch.labels().getRow(b).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                            .toDoubleVector();
                    int[] yi = new int[y.length];
                    for (int k = 0; k < y.length; k++) {
                        yi[k] = (int) Math.round(y[k]);
                    }
                    truth.add(yi);
                    if (a.isPresent()) {
                        int off = layout.offset(b);
                        double[] w = new double[layout.length(b)];
                        for (int j = 0; j < w.length; j++) {
                            w[j] = a.get().getDouble(off + j);
                        }
                        attention.put(batch.bagIds().get(b), w);
                    }
                }
                progress.advanced(batch.size(), "");
            }
        }
        progress.finished();
        Predictions predictions = new Predictions(ids, model.spec().labels(), scores.toArray(double[][]::new),
                truth.toArray(int[][]::new));
        return new Result(predictions, lossSum / ids.size(), attention);
    }
}
