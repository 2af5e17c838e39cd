package org.dragnj.model.loss;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A multi-label loss defined per element on the output probabilities p (after the activation),
 * with DL4J's conventions: a bag's score is the sum over its labels, the minibatch score their
 * mean, and the gradient is taken with respect to the layer's pre-activation through the activation.
 * Probabilities are clipped to [1e-7, 1 − 1e-7] so that logarithms stay finite.
 */
public abstract class ElementwiseLoss implements ILossFunction {

    static final double CLIP = 1e-7;

    /** Element losses ℓ(p, y) and their derivatives ∂ℓ/∂p, both [N, K]. */
    protected abstract INDArray[] lossAndDerivative(INDArray p, INDArray y);

    private INDArray probabilities(INDArray preOutput, IActivation activationFn) {
        return clip(activationFn.getActivation(preOutput.dup(), true));
    }

    /** Clips probabilities in place to [1e-7, 1 − 1e-7], so that logarithms stay finite; returns {@code p}. */
    public static INDArray clip(INDArray p) {
        return Transforms.min(Transforms.max(p, CLIP, false), 1 - CLIP, false);
    }

    /** Masked element losses and derivatives with respect to p, [N, K] each. */
    private INDArray[] masked(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray p = probabilities(preOutput, activationFn);
        INDArray[] lossAndDerivative = lossAndDerivative(p, labels.castTo(p.dataType()));
        if (mask != null) {
            INDArray m = mask.castTo(p.dataType());
            lossAndDerivative[0].muli(m);
            lossAndDerivative[1].muli(m);
        }
        return lossAndDerivative;
    }

    private static double score(INDArray elementLoss, boolean average) {
        INDArray perExample = elementLoss.sum(true, 1);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
    }

    private static INDArray gradient(INDArray dLdp, INDArray preOutput, IActivation activationFn) {
        return activationFn.backprop(preOutput.dup(), dLdp).getFirst();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return masked(labels, preOutput, activationFn, mask)[0].sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        return score(masked(labels, preOutput, activationFn, mask)[0], average);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradient(masked(labels, preOutput, activationFn, mask)[1], preOutput, activationFn);
    }

    /** Score and gradient from one evaluation of the loss. */
    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask, boolean average) {
        INDArray[] l = masked(labels, preOutput, activationFn, mask);
        return new Pair<>(score(l[0], average), gradient(l[1], preOutput, activationFn));
    }

    /** −[y log p + (1 − y) log(1 − p)] per element (p clipped by the caller). */
    public static INDArray binaryCrossEntropyLoss(INDArray p, INDArray y) {
        INDArray logP = Transforms.log(p, true);
        INDArray log1mP = Transforms.log(p.rsub(1), false);
        return y.mul(logP).addi(y.rsub(1).muli(log1mP)).negi();
    }

    /** {@link #binaryCrossEntropyLoss} and its derivative (p − y) / (p (1 − p)). */
    static INDArray[] binaryCrossEntropy(INDArray p, INDArray y) {
        INDArray derivative = p.sub(y).divi(p.mul(p.rsub(1)));
        return new INDArray[] {binaryCrossEntropyLoss(p, y), derivative};
    }
}
