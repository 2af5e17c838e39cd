package org.dragnj.model.aggregation.dragn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 3x3, stride 1, zero padding 1 convolution (NCHW) through libnd4j's {@code conv2d} and
 * {@code conv2d_bp} ops, which run on oneDNN when the native build has it.
 */
final class Conv3x3 {

    /** kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit), data format (0: NCHW), weights format (1: OIYX). */
    private static final int[] ARGS = {3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 1};

    private Conv3x3() {
    }

    /** x [N, in, h, w], weights [out, in, 3, 3], bias [out] → [N, out, h, w]. */
    static INDArray forward(INDArray x, INDArray weights, INDArray bias) {
        INDArray out = Nd4j.create(x.dataType(), x.size(0), weights.size(0), x.size(2), x.size(3));
        Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(contiguous(x), contiguous(weights), contiguous(bias))
                .addOutputs(out)
                .addIntegerArguments(ARGS)
                .build());
        return out;
    }

    /** Returns the input gradient and writes the weight and bias gradients into the given arrays. */
    static INDArray backward(INDArray x, INDArray weights, INDArray bias, INDArray outputGradient,
            INDArray weightGradient, INDArray biasGradient) {
        INDArray inputGradient = Nd4j.create(x.dataType(), x.shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(contiguous(x), contiguous(weights), contiguous(bias), contiguous(outputGradient))
                .addOutputs(inputGradient, weightGradient, biasGradient)
                .addIntegerArguments(ARGS)
                .build());
        return inputGradient;
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }
}
