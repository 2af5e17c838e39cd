package org.dragnj.model.trunk;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a trunk may need from the model being built.
 *
 * @param inputHeight height of the trunk's input images
 * @param inputWidth  width of the trunk's input images
 * @param seed        parameter-initialisation seed
 * @param updater     the network's updater (zoo graphs come with their own global configuration)
 */
public record TrunkContext(int inputHeight, int inputWidth, long seed, IUpdater updater) {
}
