package org.dragnj.model.loss;

import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary focal loss (Lin et al. 2017) per label: ℓ = −[y (1 − p)^γ log p + (1 − y) p^γ log(1 − p)],
 * γ = 2 by default, without class balancing. It down-weights the many easy negatives of
 * multi-label data.
 */
public class FocalLoss extends ElementwiseLoss {

    public static final double DEFAULT_GAMMA = 2;

    private double gamma = DEFAULT_GAMMA;

    public FocalLoss() {
    }

    public FocalLoss(double gamma) {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("focal gamma must be >= 0, got " + gamma);
        }
        this.gamma = gamma;
    }

    @Override
    protected INDArray[] lossAndDerivative(INDArray p, INDArray y) {
        INDArray q = p.rsub(1);
        INDArray logP = Transforms.log(p, true);
        INDArray logQ = Transforms.log(q, true);
        INDArray qG = Transforms.pow(q, gamma, true);
        INDArray pG = Transforms.pow(p, gamma, true);
        INDArray negY = y.rsub(1);
        INDArray loss = y.mul(qG).muli(logP).addi(negY.mul(pG).muli(logQ)).negi();
        // d/dp of −y q^γ log p = y (γ q^(γ−1) log p − q^γ / p)
        INDArray dPos = Transforms.pow(q, gamma - 1, true).muli(gamma).muli(logP).subi(qG.div(p));
        // d/dp of −(1 − y) p^γ log q = (1 − y) (p^γ / q − γ p^(γ−1) log q)
        INDArray dNeg = pG.div(q).subi(Transforms.pow(p, gamma - 1, true).muli(gamma).muli(logQ));
        INDArray derivative = y.mul(dPos).addi(negY.mul(dNeg));
        return new INDArray[] {loss, derivative};
    }

    @Override
    public String name() {
        return toString();
    }

    public double getGamma() {
        return gamma;
    }

    public void setGamma(double gamma) {
        this.gamma = gamma;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FocalLoss f && f.gamma == gamma;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), gamma);
    }

    @Override
    public String toString() {
        return "FocalLoss(gamma=" + gamma + ")";
    }
}
