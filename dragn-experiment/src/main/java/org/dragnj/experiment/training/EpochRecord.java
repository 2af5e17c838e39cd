package org.dragnj.experiment.training;

/**
 * One finished epoch.
 *
 * @param epoch        0-based
 * @param trainLoss    mean training objective over the epoch's batches
 * @param valLoss      validation loss (bag-level BCE, see DragnModel.loss)
 * @param valF1Macro   validation macro F1 under the experiment's decision rule
 * @param valAucMacro  validation macro AUC
 * @param learningRate learning rate during the epoch
 * @param seconds      wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valF1Macro, double valAucMacro,
        double learningRate, double seconds) {
}
