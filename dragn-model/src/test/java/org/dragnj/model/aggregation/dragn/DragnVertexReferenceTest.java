package org.dragnj.model.aggregation.dragn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dragnj.bags.BagLayout;
import org.dragnj.bags.Rows;
import org.dragnj.model.aggregation.DetachedVertex;
import org.dragnj.model.testing.PlainArrays;
import org.dragnj.model.testing.ReferenceDragn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** The vertex against {@link ReferenceDragn} on random inputs, float, to 1e-5. */
class DragnVertexReferenceTest {

    private static final double TOLERANCE = 1e-5;
    private static final int C = 4;
    private static final int H = 3;
    private static final int W = 5;

    static Stream<Arguments> units() {
        return Stream.of(
                Arguments.of(UnitDepth.L1, false, false),
                Arguments.of(UnitDepth.L2, false, false),
                Arguments.of(UnitDepth.L3, false, false),
                Arguments.of(UnitDepth.L2, true, false),
                Arguments.of(UnitDepth.L3, true, false),
                Arguments.of(UnitDepth.L2, true, true),
                Arguments.of(UnitDepth.L3, true, true));
    }

    @ParameterizedTest(name = "{0} bn={1} batchStats={2}")
    @MethodSource("units")
    void equalsReferenceForEveryLengthAndBatchSize(UnitDepth depth, boolean bn, boolean training) {
        UnitArchitecture arch = new UnitArchitecture(depth, bn);
        DetachedVertex v = harness(arch);
        ReferenceDragn reference = new ReferenceDragn(arch, PlainArrays.params(v), training);
        for (int n = 1; n <= 9; n++) {
            for (int bags = 1; bags <= 3; bags++) {
                Nd4j.getRandom().setSeed(1000L * n + bags);
                INDArray x = Nd4j.rand(DataType.FLOAT, (long) bags * n, C, H, W).subi(0.5).muli(4);
                INDArray out = v.forward(x, BagLayout.uniform(bags, n).toMask(DataType.FLOAT), training);
                assertThat(out.shape()).containsExactly(bags, C, H, W);
                List<double[][][]> expected = reference.aggregate(PlainArrays.bags(x, BagLayout.uniform(bags, n), 0, bags));
                assertClose(out, expected, "n=" + n + " B=" + bags);
            }
        }
    }

    @ParameterizedTest(name = "{0} bn={1} batchStats={2}")
    @MethodSource("units")
    void mixedLengthBatchAggregatesEachLengthGroupLikeTheReference(UnitDepth depth, boolean bn, boolean training) {
        UnitArchitecture arch = new UnitArchitecture(depth, bn);
        DetachedVertex v = harness(arch);
        ReferenceDragn reference = new ReferenceDragn(arch, PlainArrays.params(v), training);
        BagLayout layout = new BagLayout(new int[] {3, 1, 5, 3, 2, 5});
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, layout.totalInstances(), C, H, W).subi(0.5).muli(4);
        INDArray out = v.forward(x, layout.toMask(DataType.FLOAT), training);
        for (Map.Entry<Integer, int[]> group : layout.bagsByLength().entrySet()) {
            List<double[][][][]> bags = new ArrayList<>();
            for (int b : group.getValue()) {
                bags.add(PlainArrays.bags(x, layout, b, b + 1).get(0));
            }
            List<double[][][]> expected = reference.aggregate(bags);
            for (int i = 0; i < group.getValue().length; i++) {
                int b = group.getValue()[i];
                assertClose(out.get(Rows.of(b, 1, 4)), List.<double[][][]>of(expected.get(i)), "bag " + b);
            }
        }
    }

    /**
     * BatchNorm running statistics follow PyTorch: one update per unit call (one per round),
     * momentum 0.1, unbiased variance; DL4J receives them as "current − new" in the gradient.
     */
    @Test
    void runningStatisticsFoldEveryRoundsBatchMoments() {
        UnitArchitecture arch = new UnitArchitecture(UnitDepth.L2, true);
        DetachedVertex v = harness(arch);
        double[] mean0 = v.param("mean0").toDoubleVector();
        double[] var0 = v.param("var0").toDoubleVector();
        ReferenceDragn reference = new ReferenceDragn(arch, PlainArrays.params(v), true);
        Nd4j.getRandom().setSeed(21);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2 * 7, C, H, W);
        v.forward(x, BagLayout.uniform(2, 7).toMask(DataType.FLOAT), true);
        reference.aggregate(PlainArrays.bags(x, BagLayout.uniform(2, 7), 0, 2));
        var g = v.backward(Nd4j.ones(DataType.FLOAT, 2, C, H, W)).getFirst().gradientForVariable();

        double[] mean = mean0.clone();
        double[] var = var0.clone();
        assertThat(reference.batchMoments()).hasSize(3 * 3); // rounds 7→5→3→1, 3 channels each
        for (double[] m : reference.batchMoments()) {
            int k = (int) m[1];
            mean[k] = 0.9 * mean[k] + 0.1 * m[2];
            var[k] = 0.9 * var[k] + 0.1 * m[3] * m[4] / (m[4] - 1);
        }
        for (int k = 0; k < 3; k++) {
            assertThat(g.get("mean0").getDouble(k)).isCloseTo(mean0[k] - mean[k], within(TOLERANCE));
            assertThat(g.get("var0").getDouble(k)).isCloseTo(var0[k] - var[k], within(TOLERANCE));
        }
    }

    private static DetachedVertex harness(UnitArchitecture arch) {
        DetachedVertex v = new DetachedVertex(new DragnVertex(arch, UnitInit.UNIFORM, new NoOp(), List.of()), DataType.FLOAT, 123);
        // Non-trivial BatchNorm parameters and running statistics, so that every term matters.
        Nd4j.getRandom().setSeed(99);
        for (String name : v.paramNames()) {
            INDArray p = v.param(name);
            if (name.startsWith("gamma") || name.startsWith("var")) {
                p.assign(Nd4j.rand(p.dataType(), p.shape()).addi(0.5));
            } else if (name.startsWith("beta") || name.startsWith("mean")) {
                p.assign(Nd4j.rand(p.dataType(), p.shape()).subi(0.5));
            }
        }
        return v;
    }

    static void assertClose(INDArray actual, List<double[][][]> expected, String what) {
        for (int b = 0; b < expected.size(); b++) {
            for (int c = 0; c < C; c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        assertThat(actual.getDouble(b, c, y, x)).as("%s bag %d at (%d,%d,%d)", what, b, c, y, x)
                                .isCloseTo(expected.get(b)[c][y][x], within(TOLERANCE));
                    }
                }
            }
        }
    }
}
