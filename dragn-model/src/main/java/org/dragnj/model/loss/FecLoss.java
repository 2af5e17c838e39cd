package org.dragnj.model.loss;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * The FEC loss of FlyIT (docs/design.md §4): binary cross-entropy whose elements are re-weighted by the
 * batch's own errors. Per label, with predictions thresholded at 0.5, fp_coef = FP/(TN+1) and
 * fn_coef = FN/(TP+1); a false-positive element gets fp_w = fp_coef, a false-negative element
 * fn_w = fn_coef (others 0), and w = 1 + α (fp_w^γ + fn_w^γ) / N for a batch of N. The weights are
 * constants for the gradient. Defaults α = 100, γ = 1.
 *
 * <p>Scale: the "mean(w · BCE)" of docs/design.md §4 averages over the N·K elements; DL4J losses sum over the
 * K labels and average over the N examples, i.e. K times that. The optimum is the same, and Adam's
 * steps do not depend on a constant factor.
 */
public class FecLoss extends ElementwiseLoss {

    private double alpha = 100;
    private double gamma = 1;

    public FecLoss() {
    }

    public FecLoss(double alpha, double gamma) {
        if (!(alpha >= 0 && gamma > 0)) {
            throw new IllegalArgumentException("FEC needs alpha >= 0 and gamma > 0, got " + alpha + ", " + gamma);
        }
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /** The weights w [N, K] of a batch. */
    INDArray weights(INDArray p, INDArray y) {
        long n = p.size(0);
        INDArray predicted = p.gte(0.5).castTo(p.dataType());
        INDArray negY = y.rsub(1);
        INDArray fpMask = predicted.mul(negY);
        INDArray fnMask = predicted.rsub(1).muli(y);
        INDArray tp = predicted.mul(y).sum(0);
        INDArray tn = predicted.rsub(1).muli(negY).sum(0);
        INDArray fpCoef = fpMask.sum(0).divi(tn.addi(1));
        INDArray fnCoef = fnMask.sum(0).divi(tp.addi(1));
        INDArray fpW = Broadcast.mul(fpMask, fpCoef, fpMask.ulike(), 1);
        INDArray fnW = Broadcast.mul(fnMask, fnCoef, fnMask.ulike(), 1);
        if (gamma != 1) {
            fpW = org.nd4j.linalg.ops.transforms.Transforms.pow(fpW, gamma, false);
            fnW = org.nd4j.linalg.ops.transforms.Transforms.pow(fnW, gamma, false);
        }
        return fpW.addi(fnW).muli(alpha / n).addi(1);
    }

    @Override
    protected INDArray[] lossAndDerivative(INDArray p, INDArray y) {
        INDArray w = weights(p, y);
        INDArray[] bce = binaryCrossEntropy(p, y);
        return new INDArray[] {bce[0].muli(w), bce[1].muli(w)};
    }

    @Override
    public String name() {
        return toString();
    }

    public double getAlpha() {
        return alpha;
    }

    public void setAlpha(double alpha) {
        this.alpha = alpha;
    }

    public double getGamma() {
        return gamma;
    }

    public void setGamma(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FecLoss f && f.alpha == alpha && f.gamma == gamma;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), alpha, gamma);
    }

    @Override
    public String toString() {
        return "FecLoss(alpha=" + alpha + ", gamma=" + gamma + ")";
    }
}
