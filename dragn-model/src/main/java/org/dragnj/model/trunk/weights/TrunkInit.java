package org.dragnj.model.trunk.weights;

import org.dragnj.model.trunk.Trunk;

/** Where a trunk's initial weights come from. */
public enum TrunkInit {
    /** He initialisation from the model seed. */
    RANDOM,
    /** The DL4J zoo's ImageNet weights ({@link Trunk#ZOO_RESNET50} only), through the zoo's cache and checksum. */
    ZOO,
    /**
     * A weights file, recognised by content ({@link WeightsFormat}): a PyTorch state dict or safetensors
     * file with torchvision names (RESNET18, RESNET50), or a DL4J model whose layers carry the trunk's names.
     */
    FILE
}
