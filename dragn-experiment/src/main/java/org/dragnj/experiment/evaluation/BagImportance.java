package org.dragnj.experiment.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which instances of one bag mattered to each label's score, in the bag's instance order (i: instance,
 * k: label).
 *
 * @param bagId       the bag
 * @param scores      p_k of the whole bag in its own instance order [K]
 * @param leaveOneOut p_k of the bag without instance i, the others in the same order [n][K]; NaN for a
 *                    bag of one instance, which without it is no bag
 * @param gradient    gradient × input of instance i's trunk features for p_k [n][K]; NaN where the model
 *                    has no per-instance features (PRE aggregation)
 * @param attention   the aggregation's weight of instance i [n], or null when it has none
 * @param images      the instances as the model read them [n, C, H, W]
 */
public record BagImportance(String bagId, double[] scores, double[][] leaveOneOut, double[][] gradient,
        double[] attention, INDArray images) {

    public int length() {
        return leaveOneOut.length;
    }

    /** p_k(bag) − p_k(bag without instance i): positive when the instance raised the score. */
    public double looChange(int i, int k) {
        return scores[k] - leaveOneOut[i][k];
    }
}
