package org.dragnj.bench.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.aggregation.DetachedVertex;
import org.dragnj.model.aggregation.dragn.DragnVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The per-window loop (the benchmark's reference) computes what the batched DRAGN vertex computes:
 * the same output to 1e-5 in float, and, so that its benchmarked backward pass is the real one,
 * the same instance and parameter gradients (float to 1e-4 of the largest value, double to 1e-9).
 */
class WindowLoopAggregationTest {

    private static final long C = 5;
    private static final long H = 4;
    private static final long W = 6;

    static Stream<Arguments> cases() {
        return lengths(1, 2, 3, 4, 5, 8, 11);
    }

    static Stream<Arguments> gradientCases() {
        return lengths(1, 2, 3, 4, 7);
    }

    private static Stream<Arguments> lengths(Integer... n) {
        return Stream.of(UnitDepth.values()).flatMap(d -> Stream.of(n).map(len -> Arguments.of(d, len)));
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("cases")
    void floatOutputEqualsTheBatchedVertex(UnitDepth depth, int n) {
        Setup s = new Setup(depth, n, DataType.FLOAT);
        INDArray batched = s.vertex.forward(s.bag, s.mask, false);
        INDArray looped = s.loop.forward(s.bag);
        assertThat(looped.shape()).containsExactly(1, C, H, W);
        assertThat(maxAbsDifference(batched, looped)).isLessThan(1e-5);
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("gradientCases")
    void floatGradientsEqualTheBatchedVertex(UnitDepth depth, int n) {
        assertGradientsMatch(new Setup(depth, n, DataType.FLOAT), 1e-4);
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("gradientCases")
    void doubleGradientsEqualTheBatchedVertex(UnitDepth depth, int n) {
        assertGradientsMatch(new Setup(depth, n, DataType.DOUBLE), 1e-9);
    }

    private static void assertGradientsMatch(Setup s, double relative) {
        Nd4j.getRandom().setSeed(11);
        INDArray dOut = Nd4j.rand(s.bag.dataType(), 1, C, H, W).subi(0.5);
        s.vertex.forward(s.bag, s.mask, true);
        Pair<Gradient, INDArray[]> batched = s.vertex.backward(dOut);
        WindowLoopAggregation.Trace trace = s.loop.forwardTraining(s.bag);
        assertThat(maxAbsDifference(trace.output(), s.vertex.forward(s.bag, s.mask, false))).isLessThan(relative);
        WindowLoopAggregation.Gradients looped = s.loop.backward(trace, dOut);
        assertClose(looped.instances(), batched.getSecond()[0], relative, "instance gradient");
        for (int k = 0; k < s.arch.convolutions(); k++) {
            INDArray w = batched.getFirst().getGradientFor(UnitArchitecture.weight(k));
            INDArray b = batched.getFirst().getGradientFor(UnitArchitecture.bias(k));
            assertClose(looped.weights()[k], w.reshape(looped.weights()[k].shape()), relative, "dW" + k);
            assertClose(looped.biases()[k], b.reshape(looped.biases()[k].shape()), relative, "db" + k);
        }
    }

    private static void assertClose(INDArray actual, INDArray expected, double relative, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(maxAbsDifference(actual, expected)).as(what).isLessThanOrEqualTo(relative * scale);
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE).reshape(a.shape())).amaxNumber().doubleValue();
    }

    /** A vertex and the loop on the same unit parameters, and one random bag. */
    private static final class Setup {
        final UnitArchitecture arch;
        final DetachedVertex vertex;
        final WindowLoopAggregation loop;
        final INDArray bag;
        final INDArray mask;

        Setup(UnitDepth depth, int n, DataType dt) {
            arch = new UnitArchitecture(depth, false);
            vertex = new DetachedVertex(new DragnVertex(arch, UnitInit.UNIFORM, new NoOp(), List.of()), InputType.convolutional(H, W, C),
                    dt, 3);
            loop = WindowLoopAggregation.of(vertex, arch);
            Nd4j.getRandom().setSeed(100L + n);
            bag = Nd4j.rand(dt, n, C, H, W).subi(0.5).muli(4);
            mask = BagLayout.uniform(1, n).toMask(dt);
        }
    }
}
