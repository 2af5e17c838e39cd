package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.dragnj.bags.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.GradientChecks;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks of the baselines inside whole graphs (tiny trunk, aggregation, head): the
 * parameters of NAN and gated attention, and for every aggregation the gradients it passes down
 * to the trunk; bags of 1, 2 and 5 instances, and a mixed-length minibatch.
 */
@ExtendWith(DoublePrecision.class)
class BaselineGradientCheckTest {

    private static final int IMAGE = 4;
    private static final int LABELS = 2;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (Aggregation agg : Aggregation.values()) {
            if (agg.unitDepth().isPresent()) {
                continue;
            }
            for (int n : new int[] {1, 2, 5}) {
                s.add(Arguments.of(agg, AggregationMode.POST, new int[] {n, n}));
            }
            s.add(Arguments.of(agg, AggregationMode.POST, new int[] {2, 5, 1}));
            if (agg.supportsPreAggregation()) {
                s.add(Arguments.of(agg, AggregationMode.PRE, new int[] {3, 1}));
            }
        }
        return s.build();
    }

    @ParameterizedTest(name = "{0} {1} lengths={2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Aggregation agg, AggregationMode mode, int[] lengths) {
        DragnModel model = DragnModel.create(Specs.gradientCheck(agg, false, mode, IMAGE, LABELS), new TinyTrunk(3));
        if (agg == Aggregation.NAN || agg == Aggregation.NAN_CASCADE) {
            // NAN's parameters start at 0 (uniform attention), where q0 gets no gradient through block 1
            randomiseAggregationParams(model);
        }
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 17L * lengths[0] + lengths.length, 3, IMAGE, IMAGE,
                LABELS, lengths);
        assertThat(GradientChecks.pass(model, batch)).isTrue();
    }

    private static void randomiseAggregationParams(DragnModel model) {
        Nd4j.getRandom().setSeed(11);
        model.graph().paramTable().forEach((name, param) -> {
            if (name.startsWith(ModelGraphFactory.AGGREGATE + "_")) {
                param.assign(Nd4j.rand(param.dataType(), param.shape()).subi(0.5));
            }
        });
        assertThat(model.graph().paramTable()).containsKey(ModelGraphFactory.AGGREGATE + "_q0");
    }
}
