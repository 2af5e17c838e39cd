package org.dragnj.model.aggregation.dragn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.dragnj.data.batch.BagBatch;
import org.dragnj.model.AggregationMode;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.testing.DoublePrecision;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.testing.TinyTrunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Finite-difference checks of every gradient of a whole graph (trunk, DRAGN vertex, head) in
 * double precision: eps 1e-6, max relative error 1e-3. The unit's BatchNorm running statistics
 * are not gradients (they hold the running-average update) and are left out.
 */
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
        assertThat(check(model, batch)).isTrue();
    }

    @Test
    void mixedLengthBatchGradientsMatchFiniteDifferences() {
        DragnModel model = DragnModel.create(
                Specs.gradientCheck(Aggregation.DRAGN_L2, true, AggregationMode.POST, IMAGE, LABELS), new TinyTrunk(2));
        BagBatch batch = RandomBags.batch(DataType.DOUBLE, 5, 3, IMAGE, IMAGE, LABELS, 3, 1, 5, 2, 3);
        assertThat(check(model, batch)).isTrue();
    }

    static boolean check(DragnModel model, BagBatch batch) {
        Set<String> exclude = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            exclude.add(ModelGraphFactory.AGGREGATE + "_" + UnitArchitecture.runningMean(i));
            exclude.add(ModelGraphFactory.AGGREGATE + "_" + UnitArchitecture.runningVar(i));
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                .net(model.graph())
                .inputs(new org.nd4j.linalg.api.ndarray.INDArray[] {batch.instances(), batch.bagMask()})
                .labels(new org.nd4j.linalg.api.ndarray.INDArray[] {batch.labels()})
                .epsilon(1e-6)
                .maxRelError(1e-3)
                .minAbsoluteError(1e-8)
                .excludeParams(exclude)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }
}
