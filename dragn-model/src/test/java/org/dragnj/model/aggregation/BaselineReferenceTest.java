package org.dragnj.model.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.aggregation.attention.AttentionVertex;
import org.dragnj.model.aggregation.attention.GatedAttentionVertex;
import org.dragnj.model.aggregation.attention.NanVertex;
import org.dragnj.model.aggregation.pooling.MaxVertex;
import org.dragnj.model.aggregation.pooling.MeanVertex;
import org.dragnj.model.aggregation.pooling.SpocVertex;
import org.dragnj.model.testing.PlainArrays;
import org.dragnj.model.testing.ReferenceAggregations;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The baseline aggregation vertices against {@link ReferenceAggregations} on random inputs, in
 * float, to 1e-5, on a mixed-length minibatch (bags of 1 to 5 instances).
 */
class BaselineReferenceTest {

    private static final double TOLERANCE = 1e-5;
    private static final int C = 5;
    private static final int H = 3;
    private static final int W = 4;
    private static final BagLayout LAYOUT = new BagLayout(new int[] {3, 1, 5, 2, 3});
    private static final InputType MAPS = InputType.convolutional(H, W, C);

    private final INDArray x = random(77, LAYOUT.totalInstances(), C, H, W);
    private final List<double[][][][]> bags = PlainArrays.bags(x, LAYOUT, 0, LAYOUT.bags());

    @Test
    void meanIsTheInstanceMean() {
        INDArray out = forward(new DetachedVertex(new MeanVertex(), DataType.FLOAT, 1));
        for (int b = 0; b < LAYOUT.bags(); b++) {
            assertMaps(out, b, ReferenceAggregations.mean(bags.get(b)));
        }
    }

    @Test
    void maxIsTheElementwiseMaximum() {
        INDArray out = forward(new DetachedVertex(new MaxVertex(), DataType.FLOAT, 1));
        for (int b = 0; b < LAYOUT.bags(); b++) {
            assertMaps(out, b, ReferenceAggregations.max(bags.get(b)));
        }
    }

    @Test
    void spocIsThePriorWeightedSumAveragedOverTheBag() {
        INDArray out = forward(new DetachedVertex(new SpocVertex(), MAPS, DataType.FLOAT, 1));
        double[] prior = SpocVertex.prior(H, W);
        for (int b = 0; b < LAYOUT.bags(); b++) {
            assertVector(out, b, ReferenceAggregations.spoc(bags.get(b), prior));
        }
    }

    @Test
    void spocPriorIsACentredGaussianSummingToOne() {
        double[] p = SpocVertex.prior(6, 10);
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
        // symmetric about the centre; the four centre pixels are the largest
        assertThat(p[2 * 10 + 4]).isCloseTo(p[3 * 10 + 5], within(1e-15)).isCloseTo(p[2 * 10 + 5], within(1e-15));
        assertThat(p[0]).isLessThan(p[2 * 10 + 4] / 10);
        // σ = min(h, w)/6 = 1: one pixel further out along x divides by exp(((1.5)² − (0.5)²)/2) = e
        assertThat(p[2 * 10 + 4] / p[2 * 10 + 3]).isCloseTo(Math.E, within(1e-9));
    }

    @Test
    void nanOneBlockAndCascadeMatchTheReference() {
        for (int blocks = 1; blocks <= 2; blocks++) {
            DetachedVertex v = new DetachedVertex(new NanVertex(blocks, new NoOp(), List.of()), MAPS, DataType.FLOAT, 3);
            v.param("q0").assign(random(5, C).reshape(C));
            if (blocks == 2) {
                // both start at 0 (uniform attention), which would leave block 1's query untested
                v.param("W1").assign(random(6, C * C).reshape(C, C));
                v.param("b1").assign(random(7, C).reshape(C));
            }
            INDArray out = forward(v);
            INDArray weights = v.lastInstanceWeights();
            Map<String, double[]> p = PlainArrays.params(v);
            // the vertex stores W1 = √C·W (an equalised learning rate); the reference takes W
            double[][] w1 = blocks == 2 ? PlainArrays.matrix(v.param("W1").div(Math.sqrt(C))) : null;
            for (int b = 0; b < LAYOUT.bags(); b++) {
                double[][] ref = ReferenceAggregations.nan(ReferenceAggregations.features(bags.get(b)), p.get("q0"), w1,
                        blocks == 2 ? p.get("b1") : null);
                assertVector(out, b, ref[0]);
                assertWeights(weights, b, ref[1]);
            }
        }
    }

    @Test
    void gatedAttentionMatchesTheReference() {
        DetachedVertex v = new DetachedVertex(new GatedAttentionVertex(7, new NoOp(), List.of()), MAPS,
                DataType.FLOAT, 4);
        v.param("bV").assign(random(6, 7).reshape(7));
        v.param("bU").assign(random(8, 7).reshape(7));
        INDArray out = forward(v);
        Map<String, double[]> p = PlainArrays.params(v);
        for (int b = 0; b < LAYOUT.bags(); b++) {
            double[][] ref = ReferenceAggregations.gated(ReferenceAggregations.features(bags.get(b)),
                    PlainArrays.matrix(v.param("V")), p.get("bV"), PlainArrays.matrix(v.param("U")), p.get("bU"),
                    p.get("w"));
            assertVector(out, b, ref[0]);
            assertWeights(v.lastInstanceWeights(), b, ref[1]);
        }
    }

    @Test
    void attentionMatchesTheReference() {
        DetachedVertex v = new DetachedVertex(new AttentionVertex(7, new NoOp(), List.of()), MAPS, DataType.FLOAT, 5);
        v.param("bV").assign(random(6, 7).reshape(7));
        INDArray out = forward(v);
        Map<String, double[]> p = PlainArrays.params(v);
        assertThat(p).doesNotContainKeys("U", "bU");
        for (int b = 0; b < LAYOUT.bags(); b++) {
            double[][] ref = ReferenceAggregations.tanhAttention(ReferenceAggregations.features(bags.get(b)),
                    PlainArrays.matrix(v.param("V")), p.get("bV"), p.get("w"));
            assertVector(out, b, ref[0]);
            assertWeights(v.lastInstanceWeights(), b, ref[1]);
        }
    }

    @Test
    void nanStartsAsTheMeanOfTheFeatures() {
        DetachedVertex v = new DetachedVertex(new NanVertex(1, new NoOp(), List.of()), MAPS, DataType.FLOAT, 3);
        INDArray out = forward(v);
        for (int b = 0; b < LAYOUT.bags(); b++) {
            double[][] f = ReferenceAggregations.features(bags.get(b));
            double[] mean = new double[C];
            for (double[] row : f) {
                for (int c = 0; c < C; c++) {
                    mean[c] += row[c] / f.length;
                }
            }
            assertVector(out, b, mean);
            assertWeights(v.lastInstanceWeights(), b, uniform(LAYOUT.length(b)));
        }
    }

    private INDArray forward(DetachedVertex v) {
        return v.forward(x, LAYOUT.toMask(DataType.FLOAT), false);
    }

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(3);
    }

    private static double[] uniform(int n) {
        double[] u = new double[n];
        java.util.Arrays.fill(u, 1.0 / n);
        return u;
    }

    private static void assertMaps(INDArray out, int bag, double[][][] expected) {
        for (int c = 0; c < C; c++) {
            for (int y = 0; y < H; y++) {
                for (int xx = 0; xx < W; xx++) {
                    assertThat(out.getDouble(bag, c, y, xx)).as("bag %d (%d,%d,%d)", bag, c, y, xx)
                            .isCloseTo(expected[c][y][xx], within(TOLERANCE));
                }
            }
        }
    }

    private static void assertVector(INDArray out, int bag, double[] expected) {
        for (int c = 0; c < expected.length; c++) {
            assertThat(out.getDouble(bag, c)).as("bag %d channel %d", bag, c).isCloseTo(expected[c], within(TOLERANCE));
        }
    }

    private static void assertWeights(INDArray weights, int bag, double[] expected) {
        int off = LAYOUT.offset(bag);
        for (int l = 0; l < expected.length; l++) {
            assertThat(weights.getDouble(off + l)).as("bag %d instance %d", bag, l)
                    .isCloseTo(expected[l], within(TOLERANCE));
        }
    }
}
