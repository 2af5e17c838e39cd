package org.dragnj.model.trunk.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.Trunk;
import org.dragnj.model.trunk.TrunkArchitecture;
import org.dragnj.model.trunk.TorchvisionResNetTrunk;
import org.dragnj.model.trunk.TorchvisionResNetTrunk.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DL4J's forward through imported torchvision weights equals torchvision's own (fixtures made by torchvision). */
class TorchvisionImportTest {

    private static ComputationGraph trunkGraph(TrunkArchitecture trunk, DataType dt, int channels, int h, int w) {
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.RESNET18).setLabels(Specs.labels(2)).setInputSize(h, w)
                .optInputChannels(channels).optDataType(dt).build();
        ComputationGraph graph = new ComputationGraph(ModelGraphFactory.configureTrunk(spec, trunk));
        graph.init();
        return graph;
    }

    private static Set<String> layers(ComputationGraph graph) {
        return graph.getConfiguration().getVertices().keySet();
    }

    private static TorchvisionResNetTrunk narrow(Block block) {
        return TorchvisionResNetTrunk.narrow(block, TorchvisionFixtures.WIDTH_DIVISOR, TorchvisionFixtures.BLOCKS);
    }

    /** Largest |a − b| over the largest |b|: a scale-free error for activations of any magnitude. */
    private static double relativeError(INDArray actual, INDArray expected) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1e-12, e.amaxNumber().doubleValue());
        return actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue() / scale;
    }

    @ParameterizedTest(name = "{0} from {1} in {2}")
    @CsvSource({
        "BASIC, basic.pth, FLOAT, 1e-4",
        "BASIC, basic.pth, DOUBLE, 1e-10",
        "BOTTLENECK, bottleneck.safetensors, FLOAT, 1e-4",
        "BOTTLENECK, bottleneck.safetensors, DOUBLE, 1e-10"})
    void everyStageEqualsTorchvision(Block block, String file, DataType dt, double tolerance) {
        String name = file.substring(0, file.indexOf('.'));
        ComputationGraph graph = trunkGraph(narrow(block), dt, 3, TorchvisionFixtures.HEIGHT, TorchvisionFixtures.WIDTH);
        StateDict weights = StateDict.read(TorchvisionFixtures.file(file));

        int copied = TorchvisionImport.copy(weights, graph, layers(graph));

        // every tensor but fc.weight, fc.bias and the BatchNorm batch counters
        long counters = weights.tensors().keySet().stream().filter(k -> k.endsWith("num_batches_tracked")).count();
        assertThat(copied).isEqualTo(weights.tensors().size() - 2 - counters);
        INDArray input = TorchvisionFixtures.npy(name + "-input.npy").castTo(dt);
        Map<String, INDArray> acts = graph.feedForward(input, false);
        TorchvisionFixtures.STAGES.forEach((stage, vertex) -> {
            INDArray expected = TorchvisionFixtures.npy(name + "-" + stage + ".npy");
            assertThat(acts.get(vertex).shape()).as(stage).containsExactly(expected.shape());
            assertThat(relativeError(acts.get(vertex), expected)).as(stage).isLessThan(tolerance);
        });
    }

    @ParameterizedTest
    @CsvSource({"RESNET18, resnet18", "RESNET50, resnet50"})
    void fullSizeTrunksTakeExactlyTorchvisionsStateDict(Trunk trunk, String keys) {
        ComputationGraph graph = trunkGraph(trunk, DataType.FLOAT, 3, 64, 64);
        Map<String, String> expected = new TreeMap<>();
        TorchvisionFixtures.keys(keys).forEach((k, shape) -> {
            if (!k.startsWith("fc.") && !k.endsWith("num_batches_tracked")) {
                expected.put(k, Arrays.toString(shape));
            }
        });
        Map<String, String> targets = new TreeMap<>();
        TorchvisionImport.targets(graph, layers(graph)).forEach((k, t) -> targets.put(k, Arrays.toString(t.shape())));
        assertThat(targets).isEqualTo(expected);
    }

    @Test
    void aBasicBlockFileDoesNotLoadIntoABottleneckTrunkAndTheErrorListsWhy() {
        ComputationGraph graph = trunkGraph(narrow(Block.BOTTLENECK), DataType.FLOAT, 3, 45, 61);
        StateDict basic = StateDict.read(TorchvisionFixtures.file("basic.pth"));
        INDArray before = graph.getLayer("conv1").getParam("W").dup();

        assertThatThrownBy(() -> TorchvisionImport.copy(basic, graph, layers(graph)))
                .isInstanceOfSatisfying(TrunkWeightsMismatchException.class, e -> {
                    assertThat(e.missing()).contains("layer1.0.conv3.weight", "layer1.0.bn3.running_var");
                    assertThat(e.misshapen()).anyMatch(m -> m.startsWith("layer1.0.conv1.weight: file [4, 4, 3, 3], trunk [4, 4, 1, 1]"));
                    assertThat(e.getMessage()).contains("basic blocks [2, 1, 1, 1]", "missing from the file");
                });
        assertThat(graph.getLayer("conv1").getParam("W")).as("nothing copied").isEqualTo(before);
    }

    @Test
    void extraTensorsAndAnotherChannelCountAreNamed() {
        ComputationGraph graph = trunkGraph(narrow(Block.BASIC), DataType.FLOAT, 4, 45, 61);
        StateDict basic = StateDict.read(TorchvisionFixtures.file("basic.pth"));
        Map<String, INDArray> more = new LinkedHashMap<>(basic.tensors());
        more.put("layer5.0.conv1.weight", basic.tensors().get("conv1.weight"));

        assertThatThrownBy(() -> TorchvisionImport.copy(new StateDict("more.pth", more), graph, layers(graph)))
                .isInstanceOfSatisfying(TrunkWeightsMismatchException.class, e -> {
                    assertThat(e.unexpected()).containsExactly("layer5.0.conv1.weight");
                    assertThat(e.misshapen()).containsExactly("conv1.weight: file [4, 3, 7, 7], trunk [4, 4, 7, 7]");
                    assertThat(e.missing()).isEmpty();
                    assertThat(e.getMessage()).contains("image channels");
                });
    }

    @Test
    void describesWhatAStateDictHolds() {
        assertThat(TorchvisionImport.describe(TorchvisionFixtures.keys("resnet50").keySet()))
                .isEqualTo("a ResNet with bottleneck blocks [3, 4, 6, 3] (ResNet-50)");
        assertThat(TorchvisionImport.describe(TorchvisionFixtures.keys("resnet18").keySet()))
                .isEqualTo("a ResNet with basic blocks [2, 2, 2, 2] (ResNet-18)");
        assertThat(TorchvisionImport.describe(Set.of("encoder.weight")))
                .isEqualTo("no torchvision ResNet names (first entries: [encoder.weight])");
    }

    @Test
    void batchNormVarianceBecomesDl4jsLog10StandardDeviation() {
        ComputationGraph graph = trunkGraph(narrow(Block.BASIC), DataType.DOUBLE, 3, 45, 61);
        StateDict basic = StateDict.read(TorchvisionFixtures.file("basic.pth"));
        TorchvisionImport.copy(basic, graph, layers(graph));
        double var = basic.tensors().get("bn1.running_var").getDouble(2);
        assertThat(graph.getLayer("bn1").getParam("log10stdev").getDouble(2))
                .isCloseTo(Math.log10(Math.sqrt(var)), org.assertj.core.data.Offset.offset(1e-7));
    }
}
