package org.dragnj.model.aggregation.dragn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.GradientChecks;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Gradient checks ({@link GradientChecks}) of whole graphs: tiny trunk, DRAGN vertex, head. */
@ExtendWith(DoublePrecision.class)
class DragnGradientCheckTest {

    private static final int IMAGE = 4;
    private static final int LABELS = 2;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (AggregationMode mode : AggregationMode.values()) {
            for (Aggregation agg : new Aggregation[] {Aggregation.DRAGN_L1, Aggregation.DRAGN_L2, Aggregation.DRAGN_L3}) {
                for (boolean bn : new boolean[] {false, true}) {
                    if (agg == Aggregation.DRAGN_L1 && bn) {
                        continue;
                    }
                    for (int n : new int[] {1, 2, 3, 4, 7}) {
                        s.add(Arguments.of(mode, agg, bn, n));
                    }
                }
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0} {1} bn={2} n={3}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(AggregationMode mode, Aggregation agg, boolean bn, int n) {
        DragnModel model = DragnModel.create(Specs.gradientCheck(agg, bn, mode, IMAGE, LABELS), new TinyTrunk(2));
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 31L * n, 3, IMAGE, IMAGE, LABELS, n, n);
        assertThat(GradientChecks.pass(model, batch)).isTrue();
    }

    @Test
    void mixedLengthBatchGradientsMatchFiniteDifferences() {
        DragnModel model = DragnModel.create(
                Specs.gradientCheck(Aggregation.DRAGN_L2, true, AggregationMode.POST, IMAGE, LABELS), new TinyTrunk(2));
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 5, 3, IMAGE, IMAGE, LABELS, 3, 1, 5, 2, 3);
        assertThat(GradientChecks.pass(model, batch)).isTrue();
    }
}
