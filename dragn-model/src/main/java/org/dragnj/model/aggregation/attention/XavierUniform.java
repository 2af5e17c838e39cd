package org.dragnj.model.aggregation.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Glorot/Xavier-uniform initialisation, U(−b, b) with b = √(6 / (fan in + fan out)), for the attention layers. */
final class XavierUniform {

    private XavierUniform() {
    }

    static void fill(INDArray view, double fanIn, double fanOut) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        view.assign(Nd4j.rand(view.dataType(), view.shape()).muli(2 * bound).subi(bound));
    }
}
