package org.dragnj.model.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dragnj.model.testing.DoublePrecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

@ExtendWith(DoublePrecision.class)
class LossTest {

    private static final ActivationSigmoid SIGMOID = new ActivationSigmoid();

    private static INDArray sigmoidInverse(double... p) {
        double[] z = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            z[i] = Math.log(p[i] / (1 - p[i]));
        }
        return Nd4j.createFromArray(z);
    }

    @Test
    void focalLossGoldenValues() {
        // y = 1, p = 0.8: −(0.2)² log 0.8;  y = 0, p = 0.3: −(0.3)² log 0.7.
        INDArray z = sigmoidInverse(0.8, 0.3).reshape(1, 2);
        INDArray y = Nd4j.createFromArray(1.0, 0.0).reshape(1, 2);
        double expected = -(0.04 * Math.log(0.8)) - 0.09 * Math.log(0.7);
        assertThat(new FocalLoss(2).computeScore(y, z, SIGMOID, null, true)).isCloseTo(expected, within(1e-12));
        // γ = 0 is binary cross-entropy
        assertThat(new FocalLoss(0).computeScore(y, z, SIGMOID, null, true))
                .isCloseTo(-Math.log(0.8) - Math.log(0.7), within(1e-12));
    }

    @Test
    void fecWeightsGoldenValues() {
        // One label, four bags: p 0.9 (y 0: FP), 0.2 (y 1: FN), 0.7 (y 1: TP), 0.1 (y 0: TN).
        // TP 1, TN 1, FP 1, FN 1 → fp_coef = 1/(1+1), fn_coef = 1/(1+1); α 100, γ 1, N 4:
        // w = 1 + 100·0.5/4 = 13.5 on the FP and the FN, 1 elsewhere.
        INDArray p = Nd4j.createFromArray(0.9, 0.2, 0.7, 0.1).reshape(4, 1);
        INDArray y = Nd4j.createFromArray(0.0, 1.0, 1.0, 0.0).reshape(4, 1);
        assertThat(new FecLoss(100, 1).weights(p, y).toDoubleVector()).containsExactly(13.5, 13.5, 1.0, 1.0);
        double bce = -Math.log(0.1) - Math.log(0.2) - Math.log(0.7) - Math.log(0.9);
        double weighted = 13.5 * (-Math.log(0.1)) + 13.5 * (-Math.log(0.2)) - Math.log(0.7) - Math.log(0.9);
        INDArray z = sigmoidInverse(0.9, 0.2, 0.7, 0.1).reshape(4, 1);
        assertThat(new FecLoss(100, 1).computeScore(y, z, SIGMOID, null, true)).isCloseTo(weighted / 4, within(1e-9));
        assertThat(new FecLoss(0, 1).computeScore(y, z, SIGMOID, null, true)).isCloseTo(bce / 4, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientsMatchFiniteDifferences(Loss loss) {
        ILossFunction f = loss.create();
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 6, 4).subi(0.5).muli(6);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 6, 4).gt(0.5).castTo(DataType.DOUBLE);
        INDArray analytic = f.computeGradient(y, z.dup(), SIGMOID, null); // DL4J activations backprop in place
        double eps = 1e-6;
        for (int i = 0; i < z.length(); i++) {
            double orig = z.getDouble(i);
            z.putScalar(i, orig + eps);
            double plus = f.computeScore(y, z, SIGMOID, null, false);
            z.putScalar(i, orig - eps);
            double minus = f.computeScore(y, z, SIGMOID, null, false);
            z.putScalar(i, orig);
            assertThat(analytic.getDouble(i)).as("%s element %d", loss, i)
                    .isCloseTo((plus - minus) / (2 * eps), within(1e-5));
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gradientAndScoreTogetherEqualTheSeparateCalls(Loss loss) {
        ILossFunction f = loss.create();
        Nd4j.getRandom().setSeed(6);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 5, 3).subi(0.5).muli(6);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 5, 3).gt(0.5).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.create(new double[] {1, 0, 1, 1, 0}, 5, 1);
        var both = f.computeGradientAndScore(y, z.dup(), SIGMOID, mask, true);
        assertThat(both.getFirst()).isEqualTo(f.computeScore(y, z.dup(), SIGMOID, mask, true));
        assertThat(both.getSecond()).isEqualTo(f.computeGradient(y, z.dup(), SIGMOID, mask));
        assertThat(both.getSecond().getRow(1).sumNumber().doubleValue()).as("masked row").isZero();
    }
}
