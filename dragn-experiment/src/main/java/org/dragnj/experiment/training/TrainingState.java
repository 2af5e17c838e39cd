package org.dragnj.experiment.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Where training stands; stored inside every checkpoint file, next to the weights and optimizer
 * state, so that a resumed run continues exactly where the checkpoint was taken.
 *
 * @param epoch            the epoch in progress (or next to start)
 * @param batch            the next batch of that epoch
 * @param epochLossSum     sum of the batch losses of the epoch so far
 * @param epochBatches     batches of the epoch so far
 * @param bestScore        best selection score so far (see ModelSelection; −∞ before the first validation)
 * @param bestEpoch        epoch of the best checkpoint (−1 before)
 * @param epochsSinceBest  epochs since the best one (early stopping)
 * @param plateauBest      best selection score seen by the plateau schedule
 * @param plateauWait      epochs without improvement counted by the plateau schedule
 * @param learningRate     current learning rate
 * @param history          finished epochs
 * @param finished         training is over (all epochs, or stopped early)
 * @param stopReason       why it finished
 * @param recentLosses     the latest batch losses, for the divergence test ({@link LossWatch})
 * @param baselineLoss     the run's first batch loss, the untrained model's (0 before it)
 */
public record TrainingState(int epoch, int batch, double epochLossSum, int epochBatches, double bestScore,
        int bestEpoch, int epochsSinceBest, double plateauBest, int plateauWait, double learningRate,
        List<EpochRecord> history, boolean finished, String stopReason, List<Double> recentLosses,
        double baselineLoss) {

    public TrainingState {
        history = List.copyOf(history);
        recentLosses = recentLosses == null ? List.of() : List.copyOf(recentLosses);
    }

    public static TrainingState start(double learningRate) {
        return new TrainingState(0, 0, 0, 0, -Double.MAX_VALUE, -1, 0, -Double.MAX_VALUE, 0, learningRate, List.of(),
                false, "", List.of(), 0);
    }

    TrainingState afterBatch(double loss) {
        List<Double> recent = LossWatch.kept(recentLosses, loss);
        // the run's first loss is computed before any update: an untrained model's
        double baseline = baselineLoss == 0 && epoch == 0 && batch == 0 ? loss : baselineLoss;
        return new TrainingState(epoch, batch + 1, epochLossSum + loss, epochBatches + 1, bestScore, bestEpoch,
                epochsSinceBest, plateauBest, plateauWait, learningRate, history, finished, stopReason, recent,
                baseline);
    }

    TrainingState afterEpoch(EpochRecord record, double score, boolean improved, double plateauBestNow,
            int plateauWaitNow, double nextLearningRate, boolean stop, String reason) {
        List<EpochRecord> h = new ArrayList<>(history);
        h.add(record);
        return new TrainingState(epoch + 1, 0, 0, 0, improved ? score : bestScore,
                improved ? record.epoch() : bestEpoch, improved ? 0 : epochsSinceBest + 1, plateauBestNow,
                plateauWaitNow, nextLearningRate, h, stop, reason, recentLosses, baselineLoss);
    }

    TrainingState finish(String reason) {
        return new TrainingState(epoch, batch, epochLossSum, epochBatches, bestScore, bestEpoch, epochsSinceBest,
                plateauBest, plateauWait, learningRate, history, true, reason, recentLosses, baselineLoss);
    }
}
