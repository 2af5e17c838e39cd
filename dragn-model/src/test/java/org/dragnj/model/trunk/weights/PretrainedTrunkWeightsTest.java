package org.dragnj.model.trunk.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.common.resources.DL4JResources;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.dragnj.model.trunk.InputNormalization;
import org.dragnj.model.trunk.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pretrained-weights path of {@link DragnModel#create(ModelSpec)}: zoo cache, DL4J files, torchvision files. */
class PretrainedTrunkWeightsTest {

    /** A full-size torchvision ResNet-18 state dict with random values, as safetensors (the key list is torchvision's). */
    private static Map<String, INDArray> randomResNet18() {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        Nd4j.getRandom().setSeed(5);
        TorchvisionFixtures.keys("resnet18").forEach((name, shape) -> {
            INDArray t = name.endsWith("running_var") ? Nd4j.rand(DataType.FLOAT, shape).addi(0.5)
                    : Nd4j.randn(DataType.FLOAT, shape).muli(0.05);
            tensors.put(name, t);
        });
        return tensors;
    }

    @Test
    void aTimmResNet18LoadsRecordsImagenetNormalisationAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Map<String, INDArray> file = randomResNet18();
        Path weights = dir.resolve("resnet18.safetensors");
        SafetensorsWriter.write(file, weights);
        InputNormalization normalization = PretrainedTrunkWeights.inputNormalizationFor(TrunkInit.FILE, weights);
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.RESNET18).setLabels(Specs.labels(3)).setInputSize(64, 64)
                .optTrunkWeightsFile(weights.toString()).optInputNormalization(normalization).build();

        DragnModel model = DragnModel.create(spec);

        assertThat(normalization).isEqualTo(InputNormalization.IMAGENET);
        assertThat(model.graph().getLayer("layer3.1.conv2").getParam("W"))
                .isEqualTo(file.get("layer3.1.conv2.weight"));
        assertThat(model.graph().getLayer("bn1").getParam("mean").reshape(-1))
                .isEqualTo(file.get("bn1.running_mean"));
        assertThat(model.graph().getVertex(ModelGraphFactory.INPUT_NORMALIZATION)).isNotNull();
        BagBatch batch = RandomBags.batch(DataType.FLOAT, 7, 3, 64, 64, 3, 2, 3);
        INDArray before = model.predict(batch);
        Path saved = dir.resolve("model.zip");
        model.save(saved);
        DragnModel loaded = DragnModel.load(saved);
        assertThat(loaded.spec().inputNormalization()).isEqualTo(InputNormalization.IMAGENET);
        assertThat(loaded.spec().trunkWeightsFile()).isEqualTo(weights.toString());
        assertThat(loaded.predict(batch)).isEqualTo(before);
    }

    @Test
    void torchvisionWeightsFitOnlyTheTorchvisionTrunks() {
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2)).setInputSize(32, 32)
                .optTrunkWeightsFile(TorchvisionFixtures.file("basic.pth").toString()).build();
        assertThatThrownBy(() -> DragnModel.create(spec)).isInstanceOf(TrunkWeightsUnavailableException.class)
                .hasMessageContaining("RESNET18 and RESNET50, not SMALL_CNN");
    }

    @Test
    void missingImagenetWeightsNameTheFileAndHowToSupplyIt(@TempDir Path empty) {
        File previous = DL4JResources.getBaseDirectory();
        DL4JResources.setBaseDirectory(empty.toFile());
        try {
            Path expected = empty.resolve("models").resolve("resnet50").resolve("resnet50_dl4j_inference.v3.zip");
            assertThat(PretrainedTrunkWeights.zooResNet50CacheFile()).isEqualTo(expected);
            ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.ZOO_RESNET50).setLabels(Specs.labels(2))
                    .setInputSize(64, 64).optTrunkInit(TrunkInit.ZOO).build();
            assertThatThrownBy(() -> DragnModel.create(spec)).isInstanceOf(TrunkWeightsUnavailableException.class)
                    .hasMessageContaining(expected.toString())
                    .hasMessageContaining("resnet50_dl4j_inference.v3.zip")
                    .hasMessageContaining("--pretrained FILE");
        } finally {
            DL4JResources.setBaseDirectory(previous);
        }
    }

    @Test
    void trunkWeightsFromAFileAreCopiedByLayerName(@TempDir Path dir) throws Exception {
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2))
                .setInputSize(16, 16).optSeed(1).build();
        DragnModel donor = DragnModel.create(spec);
        Path file = dir.resolve("donor.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(donor.graph(), file.toFile(), false);

        DragnModel fresh = DragnModel.create(spec.toBuilder().optSeed(2).build());
        DragnModel seeded = DragnModel.create(spec.toBuilder().optSeed(2).optTrunkWeightsFile(file.toString()).build());
        INDArray donorConv = donor.graph().getLayer("cnn1_conv").params();
        assertThat(fresh.graph().getLayer("cnn1_conv").params()).isNotEqualTo(donorConv);
        assertThat(seeded.graph().getLayer("cnn1_conv").params()).isEqualTo(donorConv);
    }

    @Test
    void aMissingWeightsFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.zip");
        ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.SMALL_CNN).setLabels(Specs.labels(2))
                .setInputSize(16, 16).optTrunkWeightsFile(missing.toString()).build();
        assertThatThrownBy(() -> DragnModel.create(spec)).hasMessageContaining(missing.toAbsolutePath().toString());
    }
}
