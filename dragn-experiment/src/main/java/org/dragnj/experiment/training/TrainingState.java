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
 * @param bestF1           best validation macro F1 so far (−1 before the first validation)
 * @param bestEpoch        epoch of the best checkpoint (−1 before)
 * @param epochsSinceBest  epochs since the best one (early stopping)
 * @param plateauBest      best validation macro F1 seen by the plateau schedule
 * @param plateauWait      epochs without improvement counted by the plateau schedule
 * @param learningRate     current learning rate
 * @param history          finished epochs
 * @param finished         training is over (all epochs, or stopped early)
 * @param stopReason       why it finished
 */
public record TrainingState(int epoch, int batch, double epochLossSum, int epochBatches, double bestF1,
        int bestEpoch, int epochsSinceBest, double plateauBest, int plateauWait, double learningRate,
        List<EpochRecord> history, boolean finished, String stopReason) {

    public TrainingState {
        history = List.copyOf(history);
    }

    public static TrainingState start(double learningRate) {
        return new TrainingState(0, 0, 0, 0, -1, -1, 0, -1, 0, learningRate, List.of(), false, "");
    }

    TrainingState afterBatch(double loss) {
        return new TrainingState(epoch, batch + 1, epochLossSum + loss, epochBatches + 1, bestF1, bestEpoch,
                epochsSinceBest, plateauBest, plateauWait, learningRate, history, finished, stopReason);
    }

    TrainingState afterEpoch(EpochRecord record, boolean improved, double plateauBestNow, int plateauWaitNow,
            double nextLearningRate, boolean stop, String reason) {
        List<EpochRecord> h = new ArrayList<>(history);
        h.add(record);
        return new TrainingState(epoch + 1, 0, 0, 0, improved ? record.valF1Macro() : bestF1,
                improved ? record.epoch() : bestEpoch, improved ? 0 : epochsSinceBest + 1, plateauBestNow,
                plateauWaitNow, nextLearningRate, h, stop, reason);
    }

    TrainingState finish(String reason) {
        return new TrainingState(epoch, batch, epochLossSum, epochBatches, bestF1, bestEpoch, epochsSinceBest,
                plateauBest, plateauWait, learningRate, history, true, reason);
    }
}
