package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bags.BagLayout;
import org.dragnj.bags.Rows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean, max, NAN, SPoC and gated attention are functions of the set of instances; DRAGN is not
 * (its windows see instances in order, which is why the authors reshuffle bags every time they are
 * loaded), except for bags of one or two.
 */
class PermutationTest {

    private static final BagLayout LAYOUT = new BagLayout(new int[] {5, 2, 4});
    private static final int[] REVERSED_WITHIN_BAGS = {4, 3, 2, 1, 0, 6, 5, 10, 9, 8, 7};

    /** Every aggregation with a vertex, as its vertex declares it (so a new one is checked without listing it). */
    static Stream<Aggregation> orderInvariant() {
        return Arrays.stream(Aggregation.values()).filter(a -> a.hasVertex() && !a.isOrderDependent());
    }

    static Stream<Aggregation> orderDependent() {
        return Arrays.stream(Aggregation.values()).filter(Aggregation::isOrderDependent);
    }

    @Test
    void theDeclaredOrderDependenceIsDragnsAlone() {
        assertThat(orderDependent()).containsExactly(Aggregation.DRAGN_L1, Aggregation.DRAGN_L2, Aggregation.DRAGN_L3);
    }

    @ParameterizedTest
    @MethodSource("orderInvariant")
    void setAggregationsIgnoreInstanceOrder(Aggregation aggregation) {
        INDArray[] outs = outputsInBothOrders(aggregation);
        assertThat(outs[1].equalsWithEps(outs[0], 1e-5)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("orderDependent")
    void dragnDependsOnInstanceOrderForBagsOfThreeOrMore(Aggregation aggregation) {
        INDArray[] outs = outputsInBothOrders(aggregation);
        for (int b = 0; b < LAYOUT.bags(); b++) {
            boolean same = outs[1].get(Rows.of(b, 1, 4)).equalsWithEps(outs[0].get(Rows.of(b, 1, 4)), 1e-5);
            assertThat(same).as("bag %d of length %d", b, LAYOUT.length(b)).isEqualTo(LAYOUT.length(b) <= 2);
        }
    }

    private static INDArray[] outputsInBothOrders(Aggregation aggregation) {
        BagVertex conf = aggregation.createVertex(Aggregation.VertexSettings.detached());
        DetachedVertex v = new DetachedVertex(conf, InputType.convolutional(3, 4, 6), DataType.FLOAT, 9);
        if (aggregation == Aggregation.NAN || aggregation == Aggregation.NAN_CASCADE) {
            Nd4j.getRandom().setSeed(2);
            v.param("q0").assign(Nd4j.rand(DataType.FLOAT, 6).subi(0.5)); // away from the uniform start
        }
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, LAYOUT.totalInstances(), 6, 3, 4);
        INDArray permuted = Nd4j.pullRows(x.reshape(x.size(0), -1), 1, REVERSED_WITHIN_BAGS).reshape(x.shape());
        INDArray mask = LAYOUT.toMask(DataType.FLOAT);
        INDArray a = v.forward(x, mask, false).dup();
        INDArray b = v.forward(permuted, mask, false).dup();
        return new INDArray[] {a.reshape(a.size(0), a.length() / a.size(0), 1, 1), b.reshape(b.size(0),
                b.length() / b.size(0), 1, 1)};
    }
}
