package org.dragnj.model;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertex;

/**
 * Changes a model's learning rate everywhere: DL4J's own setter only reaches layers, and the
 * aggregation vertex carries its own updater.
 */
public final class LearningRates {

    private LearningRates() {
    }

    public static void set(ComputationGraph graph, double learningRate) {
        for (GraphVertex v : graph.getVertices()) {
            TrainingConfig c = v.getConfig();
            if (c instanceof BagVertex bag && bag.getUpdater().hasLearningRate()) {
                bag.getUpdater().setLrAndSchedule(learningRate, null);
            }
        }
        graph.setLearningRate(learningRate);
    }

    /** The learning rate of the first layer that has one (all share it in DRAGN-J models). */
    public static double get(ComputationGraph graph) {
        for (org.deeplearning4j.nn.api.Layer l : graph.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b
                    && b.getIUpdater() != null && b.getIUpdater().hasLearningRate()) {
                return b.getIUpdater().getLearningRate(0, 0);
            }
        }
        return Double.NaN;
    }
}
