package org.dragnj.model.trunk;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/** The trunks a model can be built on. */
public enum Trunk implements TrunkArchitecture {
    /** Three conv-BN-ReLU-maxpool stages (16, 32, 64 channels, /8): tests and quick demos. */
    SMALL_CNN(new SmallCnnTrunk(16, 32, 64)),
    /**
     * The embedding trunk of attention-based MIL (Ilse et al. 2018) for small grey images such as 28×28
     * digits: conv 5×5 (20) → pool → conv 5×5 (50) → pool → fully connected 500, each instance a
     * [500, 1, 1] embedding.
     */
    LENET(new EmbeddingCnnTrunk(20, 50, 500, 5)),
    /** ResNet-18 as in torchvision (basic blocks, 512 channels, /32); the DL4J zoo has none. */
    RESNET18(TorchvisionResNetTrunk.RESNET18),
    /** ResNet-50 as in torchvision (bottleneck blocks, 2048 channels, /32), the paper's HPA trunk. */
    RESNET50(TorchvisionResNetTrunk.RESNET50),
    /**
     * The DL4J zoo ResNet50 (Keras layout: 2048 channels, /64 because its stage 2 also downsamples,
     * ≈1.1 GMAC at 224² against 4.1): the trunk that DL4J's ImageNet weights fit.
     */
    ZOO_RESNET50(new ZooResNet50Trunk());

    private final TrunkArchitecture architecture;

    Trunk(TrunkArchitecture architecture) {
        this.architecture = architecture;
    }

    @Override
    public String addTo(GraphBuilder graph, String input, TrunkContext context) {
        return architecture.addTo(graph, input, context);
    }
}
