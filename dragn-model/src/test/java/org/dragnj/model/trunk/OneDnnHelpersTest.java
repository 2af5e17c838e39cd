package org.dragnj.model.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.platform.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's oneDNN layer helpers compute the same function as DL4J's own Java path: for each
 * building block, two identical graphs, one built with helpers off and one with helpers on, get
 * the same parameters and must give the same activations and the same gradients (float).
 *
 * <p>Blocks: convolution, batch norm, max and average pooling, the small trunk, two ResNet-18
 * basic blocks (projection and identity shortcut), a ResNet-50 bottleneck block, and a whole
 * ResNet-18 forward pass.
 * Tolerance: 1e-4 relative to the largest magnitude of the compared array. The two paths sum
 * in different orders (im2col + GEMM against oneDNN's direct kernels), so float results differ in
 * the last bits; a real difference in math shows up orders of magnitude above that.
 */
class OneDnnHelpersTest {

    private static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static final double TOLERANCE = 1e-4;
    private static final int SIZE = 16;

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of("conv", (TrunkArchitecture) new Block(g -> g.addLayer("conv",
                        new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(8).build(), "in"))),
                Arguments.of("batchnorm", new Block(g -> g.addLayer("bn", new BatchNormalization.Builder().build(), "in"))),
                Arguments.of("maxpool", new Block(g -> g.addLayer("maxpool", new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), "in"))),
                Arguments.of("avgpool", new Block(g -> g.addLayer("avgpool", new SubsamplingLayer.Builder(PoolingType.AVG)
                        .kernelSize(2, 2).stride(2, 2).build(), "in"))),
                Arguments.of("small trunk", Trunk.SMALL_CNN),
                Arguments.of("resnet18 blocks", new Block(g -> {
                    String down = TorchvisionResNetTrunk.basicBlock(g, "blockA", "in", 8, 2);
                    TorchvisionResNetTrunk.basicBlock(g, "blockB", down, 8, 1);
                })),
                Arguments.of("resnet50 bottleneck", new Block(g ->
                        TorchvisionResNetTrunk.bottleneck(g, "blockC", "in", 4, 4, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void helpersGiveTheSameActivationsAndGradients(String name, TrunkArchitecture trunk) {
        assumeOneDnnBuild();
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(3))
                .setInputSize(SIZE, SIZE).optOptimizer(OptimizerSpec.sgd(0.1)).optSeed(4).build();
        ComputationGraph plain = withHelpers(false, () -> DragnModel.create(spec, trunk).graph());
        ComputationGraph onednn = withHelpers(true, () -> DragnModel.create(spec, trunk).graph());
        onednn.setParams(plain.params());
        assertThat(helperCount(plain)).isZero();
        assertThat(helperCount(onednn)).as("oneDNN helpers active").isPositive();

        BagBatch batch = RandomBags.batch(DataType.FLOAT, 9, 3, SIZE, SIZE, 3, 3, 2);
        INDArray[] in = {batch.instances(), batch.bagMask()};
        Map<String, INDArray> a = plain.feedForward(in, true);
        Map<String, INDArray> b = onednn.feedForward(in, true);
        for (String layer : a.keySet()) {
            // A ReLU input within float noise of 0 may fall on either side of the kink in the two
            // paths and legitimately send its gradient elsewhere; this seed has none.
            assertThat(signFlips(a.get(layer), b.get(layer))).as("sign flips in " + layer).isZero();
            assertClose(b.get(layer), a.get(layer), 0, "activation of " + layer);
        }
        for (ComputationGraph g : new ComputationGraph[] {plain, onednn}) {
            g.setInputs(in);
            g.setLabels(batch.labels());
            g.computeGradientAndScore();
        }
        assertThat(onednn.score()).isCloseTo(plain.score(), org.assertj.core.data.Offset.offset(1e-5));
        Map<String, INDArray> ga = plain.gradient().gradientForVariable();
        Map<String, INDArray> gb = onednn.gradient().gradientForVariable();
        // Gradients far below the network's largest (e.g. a BatchNorm shift followed by another
        // BatchNorm, ~1e-6 of it) are float noise around zero: compare them on 1 % of the largest.
        double floor = 1e-2 * ga.values().stream().mapToDouble(x -> x.amaxNumber().doubleValue()).max().orElse(0);
        for (String p : ga.keySet()) {
            assertClose(gb.get(p), ga.get(p), floor, "gradient of " + p);
        }
    }

    @Test
    void theTestJvmRunsOnTheOneDnnBuildWithHelpersOn() {
        assumeTrue(System.getProperty(Backend.SETTING) == null && System.getenv(Backend.ENV) == null,
                "the default build was overridden for this run");
        String build = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        assertThat(build).as("native build (set by dragn-platform's test listener)").startsWith("-onednn");
        assertThat(System.getProperty(DISABLE)).isEqualTo("false");
        ComputationGraph g = DragnModel.create(ModelSpec.builder().setTrunk(Trunk.SMALL_CNN)
                .setLabels(Specs.labels(2)).setInputSize(16, 16).build()).graph();
        assertThat(Stream.of(g.getLayers()).map(Layer::getHelper))
                .hasAtLeastOneElementOfType(MKLDNNConvHelper.class)
                .hasAtLeastOneElementOfType(MKLDNNBatchNormHelper.class)
                .hasAtLeastOneElementOfType(MKLDNNSubsamplingHelper.class);
    }

    /** Whole ResNet18 forward (inference): same activations at every layer. */
    @Test
    void resnet18ForwardIsTheSameWithHelpers() {
        assumeOneDnnBuild();
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.RESNET18).setLabels(Specs.labels(3)).setInputSize(64, 64)
                .optSeed(4).build();
        ComputationGraph plain = withHelpers(false, () -> DragnModel.create(spec).graph());
        ComputationGraph onednn = withHelpers(true, () -> DragnModel.create(spec).graph());
        onednn.setParams(plain.params());
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 9, 3, 64, 64, 3, 3, 2);
        INDArray[] in = {batch.instances(), batch.bagMask()};
        Map<String, INDArray> a = plain.feedForward(in, false);
        Map<String, INDArray> b = onednn.feedForward(in, false);
        for (String layer : a.keySet()) {
            assertClose(b.get(layer), a.get(layer), 0, "activation of " + layer);
        }
    }

    private static void assumeOneDnnBuild() {
        assumeTrue(System.getProperty("org.bytedeco.javacpp.platform.extension", "").startsWith("-onednn"),
                "needs a oneDNN native build");
    }

    private static long signFlips(INDArray x, INDArray y) {
        return x.gt(0).castTo(DataType.INT).neq(y.gt(0).castTo(DataType.INT)).castTo(DataType.INT).sumNumber()
                .longValue();
    }

    private static long helperCount(ComputationGraph g) {
        return Stream.of(g.getLayers()).filter(l -> l.getHelper() != null).count();
    }

    private static <T> T withHelpers(boolean on, Supplier<T> build) {
        String previous = System.getProperty(DISABLE);
        System.setProperty(DISABLE, Boolean.toString(!on));
        try {
            return build.get();
        } finally {
            if (previous == null) {
                System.clearProperty(DISABLE);
            } else {
                System.setProperty(DISABLE, previous);
            }
        }
    }

    private static void assertClose(INDArray actual, INDArray expected, double floor, String what) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = Math.max(Math.max(1e-6, floor), expected.amaxNumber().doubleValue());
        double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(diff / scale).as("%s: max |diff| %s over max |x| %s", what, diff, scale).isLessThan(TOLERANCE);
    }

    /** A 1x1 conv "in" (so the block sees several channels) followed by the block under test. */
    private record Block(java.util.function.Consumer<GraphBuilder> body) implements TrunkArchitecture {
        @Override
        public String addTo(GraphBuilder graph, String input, TrunkContext context) {
            // No bias: the blocks under test start with BatchNorm, which cancels it (zero gradient, all noise).
            graph.addLayer("in", new ConvolutionLayer.Builder(1, 1).nOut(4).hasBias(false).build(), input);
            body.accept(graph);
            return graph.getVertices().keySet().stream().reduce((x, y) -> y).orElseThrow();
        }

        @Override
        public String toString() {
            return "block";
        }
    }
}
