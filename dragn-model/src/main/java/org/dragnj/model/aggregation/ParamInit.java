package org.dragnj.model.aggregation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The uniform initialisations the aggregation vertices use, drawn from ND4J's seeded generator. */
public final class ParamInit {

    private ParamInit() {
    }

    /** U(−bound, bound), in place. */
    public static void uniform(INDArray view, double bound) {
        view.assign(Nd4j.rand(view.dataType(), view.shape()).muli(2 * bound).subi(bound));
    }

    /** Glorot/Xavier-uniform: bound √(6 / (fan in + fan out)). */
    public static void xavierUniform(INDArray view, double fanIn, double fanOut) {
        uniform(view, Math.sqrt(6.0 / (fanIn + fanOut)));
    }
}
