package org.dragnj.model.aggregation.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * r = Σ_l softmax(e)_l f_l per bag, the step NAN and gated attention share, with its backward
 * pass. Shapes: features f [b, L, C], scores e [b, L], weights a [b, L], result r [b, C].
 */
final class AttentionPooling {

    private AttentionPooling() {
    }

    /** Softmax over each bag's instances (axis 1), shifted by the row maximum for stability. */
    static INDArray softmax(INDArray scores) {
        INDArray shifted = Broadcast.sub(scores, scores.max(1), scores.ulike(), 0);
        INDArray exp = Transforms.exp(shifted, false);
        return Broadcast.div(exp, exp.sum(1), exp, 0);
    }

    static INDArray pool(INDArray features, INDArray weights) {
        return Broadcast.mul(features, weights, features.ulike(), 0, 1).sum(1);
    }

    /**
     * Backward of r = pool(f, softmax(e)) for a given dr [b, C]: returns {∂r/∂f part [b, L, C],
     * de [b, L]} (the part of df that flows through e is the caller's, as it knows how e was made).
     */
    static INDArray[] backward(INDArray features, INDArray weights, INDArray resultGradient) {
        INDArray da = Broadcast.mul(features, resultGradient, features.ulike(), 0, 2).sum(2);
        INDArray weightedMean = da.mul(weights).sum(1);
        INDArray de = Broadcast.sub(da, weightedMean, da.ulike(), 0).muli(weights);
        INDArray spread = Nd4j.zeros(features.dataType(), features.shape());
        Broadcast.add(spread, resultGradient, spread, 0, 2);
        Broadcast.mul(spread, weights, spread, 0, 1);
        return new INDArray[] {spread, de};
    }
}
