package org.dragnj.model.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

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

    /**
     * DL4J gives a layer that names no activation the network's default, which is sigmoid; a
     * trunk's convolutions and BatchNorms must be linear or ReLU, never squashed. And DL4J's
     * BatchNormalization ignores its activation altogether (M2.1), so a BatchNorm that names ReLU
     * silently has none: every BatchNorm must be linear, its ReLU a layer of its own.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Trunk.class)
    void trunkLayersAreLinearOrReluAndBatchNormsLinear(Trunk trunk) {
        ComputationGraph g = DragnModel.create(ModelSpec.builder().setTrunk(trunk).setLabels(Specs.labels(2))
                .setInputSize(64, 64).build()).graph();
        for (Layer l : g.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base
                    && !l.conf().getLayer().getLayerName().equals(ModelGraphFactory.HEAD)) {
                assertThat(base.getActivationFn()).as(l.conf().getLayer().getLayerName())
                        .isInstanceOfAny(org.nd4j.linalg.activations.impl.ActivationIdentity.class,
                                org.nd4j.linalg.activations.impl.ActivationReLU.class);
                if (base instanceof BatchNormalization) {
                    assertThat(base.getActivationFn()).as(l.conf().getLayer().getLayerName())
                            .isInstanceOf(org.nd4j.linalg.activations.impl.ActivationIdentity.class);
                }
            }
        }
    }

    /** A trunk that ends in ReLU and max pooling cannot give negative features; without its ReLUs it does. */
    @Test
    void smallCnnFeaturesAreRectified() {
        DragnModel model = model(Trunk.SMALL_CNN, 32, 32);
        BagBatch bag = RandomBags.batch(DataType.FLOAT, 3, 3, 32, 32, 10, 3);
        INDArray features = model.graph().feedForward(new INDArray[] {bag.instances(), bag.bagMask()}, false)
                .get("cnn3_pool");
        assertThat(features.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(features.eq(0).castTo(DataType.INT).sumNumber().intValue()).isPositive();
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
