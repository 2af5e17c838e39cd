package org.dragnj.model.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.testing.RandomBags;
import org.dragnj.model.testing.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrunkTest {

    private static DragnModel model(Trunk trunk, int h, int w) {
        return DragnModel.create(ModelSpec.builder().setTrunk(trunk).setLabels(Specs.labels(10)).setInputSize(h, w)
                .build());
    }

    private static long[] featureShape(DragnModel model, BagBatch batch) {
        Map<String, INDArray> acts = model.graph().feedForward(new INDArray[] {batch.instances(), batch.bagMask()},
                false);
        return acts.get(ModelGraphFactory.AGGREGATE).shape();
    }

    @Test
    void resnet18OnFlyExpressImagesGives512By6By10AndTorchvisionsParameterCount() {
        DragnModel model = model(Trunk.RESNET18, 180, 320);
        BagBatch bag = RandomBags.batch(DataType.FLOAT, 1, 3, 180, 320, 10, 2);
        assertThat(featureShape(model, bag)).containsExactly(1, 512, 6, 10);
        // torchvision resnet18 without fc: 11,176,512 trainable. DL4J also stores BN running mean and
        // variance as parameters: 2 x 4,800 BN channels more. Then the unit (28) and the head (512·10 + 10).
        assertThat(trainableTrunkParams(model.graph())).isEqualTo(11_176_512L);
        assertThat(model.parameterCount()).isEqualTo(11_176_512L + 9_600 + 28 + 5_130);
        assertThat(model.predict(bag).shape()).containsExactly(1, 10);
    }

    @Test
    void resnet50HasTorchvisionsGeometryAndParameterCount() {
        DragnModel model = model(Trunk.RESNET50, 128, 128);
        BagBatch bag = RandomBags.batch(DataType.FLOAT, 1, 3, 128, 128, 10, 2);
        assertThat(featureShape(model, bag)).containsExactly(1, 2048, 4, 4);
        // torchvision resnet50 has 25,557,032 parameters, 2,049,000 of them in fc.
        assertThat(trainableTrunkParams(model.graph())).isEqualTo(25_557_032L - 2_049_000L);
        assertThat(model.predict(bag).isNaN().any()).isFalse();
    }

    @Test
    void zooResnet50BuildsAndForwardsASmallInput() {
        DragnModel model = model(Trunk.ZOO_RESNET50, 128, 128);
        BagBatch bag = RandomBags.batch(DataType.FLOAT, 1, 3, 128, 128, 10, 1);
        // The zoo graph downsamples by 64 (its stage 2 has stride 2): 128 → 2.
        assertThat(featureShape(model, bag)).containsExactly(1, 2048, 2, 2);
        INDArray p = model.predict(bag);
        assertThat(p.shape()).containsExactly(1, 10);
        assertThat(p.isNaN().any()).isFalse();
    }

    @Test
    void missingImagenetWeightsNameTheFileAndHowToSupplyIt(@TempDir Path empty) {
        File previous = DL4JResources.getBaseDirectory();
        DL4JResources.setBaseDirectory(empty.toFile());
        try {
            Path expected = empty.resolve("models").resolve("resnet50").resolve("resnet50_dl4j_inference.v3.zip");
            assertThat(PretrainedTrunkWeights.zooResNet50CacheFile()).isEqualTo(expected);
            ModelSpec spec = ModelSpec.builder().setTrunk(Trunk.ZOO_RESNET50).setLabels(Specs.labels(2))
                    .setInputSize(64, 64).optTrunkInit(TrunkInit.IMAGENET).build();
            assertThatThrownBy(() -> DragnModel.create(spec)).isInstanceOf(TrunkWeightsUnavailableException.class)
                    .hasMessageContaining(expected.toString())
                    .hasMessageContaining("resnet50_dl4j_inference.v3.zip")
                    .hasMessageContaining("trunk init FILE");
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

    /**
     * DL4J gives a layer that names no activation the network's default, which is sigmoid; a
     * trunk's convolutions and BatchNorms must be linear or ReLU, never squashed.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Trunk.class)
    void trunkLayersAreLinearOrRelu(Trunk trunk) {
        ComputationGraph g = DragnModel.create(ModelSpec.builder().setTrunk(trunk).setLabels(Specs.labels(2))
                .setInputSize(64, 64).build()).graph();
        for (Layer l : g.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base
                    && !l.conf().getLayer().getLayerName().equals(ModelGraphFactory.HEAD)) {
                assertThat(base.getActivationFn()).as(l.conf().getLayer().getLayerName())
                        .isInstanceOfAny(org.nd4j.linalg.activations.impl.ActivationIdentity.class,
                                org.nd4j.linalg.activations.impl.ActivationReLU.class);
            }
        }
    }

    private static long trainableTrunkParams(ComputationGraph graph) {
        long n = 0;
        for (Layer l : graph.getLayers()) {
            String name = l.conf().getLayer().getLayerName();
            if (name.equals(ModelGraphFactory.HEAD)) {
                continue;
            }
            long p = l.numParams();
            if (l.conf().getLayer() instanceof BatchNormalization) {
                p /= 2; // gamma and beta count; running mean and variance are statistics
            }
            n += p;
        }
        return n;
    }
}
