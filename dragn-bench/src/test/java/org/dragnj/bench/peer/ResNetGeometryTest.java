package org.dragnj.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bench.hardware.GraphFlops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analytic FLOP count equals {@link GraphFlops}' count over the layer shapes of the DL4J graph it describes. */
class ResNetGeometryTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50"})
    void analyticMacsEqualTheDl4jGraphsLayerShapes(String name) {
        ResNetGeometry g = ResNetGeometry.named(name);
        ComputationGraphConfiguration conf = Dl4jResNetBenchmark.classifier(g, 224, 1000).getConfiguration();
        assertThat(g.forwardMacs(224, 1000)).isEqualTo(macsOf(conf, InputType.convolutional(224, 224, 3)));
    }

    @Test
    void torchvisionsPublishedCountsAreMatched() {
        // torchvision: ResNet-18 1.81 GMAC, ResNet-50 4.09 GMAC at 224x224 (convolutions and fc).
        assertThat(ResNetGeometry.RESNET18.forwardMacs(224, 1000) / 1e9).isBetween(1.80, 1.83);
        assertThat(ResNetGeometry.RESNET50.forwardMacs(224, 1000) / 1e9).isBetween(4.08, 4.12);
    }

    private static long macsOf(ComputationGraphConfiguration conf, InputType input) {
        return GraphFlops.forwardMacs(conf, input);
    }
}
