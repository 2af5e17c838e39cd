package org.dragnj.model.trunk;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;

/**
 * A convolutional feature extractor without global pooling or classifier: it adds its layers to a
 * graph and says which vertex holds its output feature maps [C, h, w].
 */
public interface TrunkArchitecture {

    /**
     * Adds the trunk's layers reading from {@code input}.
     *
     * @return the name of the vertex whose activations are the trunk's feature maps
     */
    String addTo(GraphBuilder graph, String input, TrunkContext context);
}
