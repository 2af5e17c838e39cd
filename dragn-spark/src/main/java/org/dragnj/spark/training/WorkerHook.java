package org.dragnj.spark.training;

import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs around every step of a Spark worker: unwraps the whole bag batch ({@link WholeBatches}) and
 * reports the step's data loss, the number the single-machine trainer watches (DL4J's score minus
 * the weight-decay penalty of the weights the step started from), to the driver.
 */
final class WorkerHook implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final CollectionAccumulator<Double> losses;
    /** Set before a step, read after it, on the worker's one training thread. */
    private transient double penalty;

    WorkerHook(CollectionAccumulator<Double> losses) {
        this.losses = losses;
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        WholeBatches.unwrap(minibatch);
        penalty = ((ComputationGraph) model).calcRegularizationScore(true);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        losses.add(model.score() - penalty);
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        throw new UnsupportedOperationException("bag batches are MultiDataSets");
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        throw new UnsupportedOperationException("bag batches are MultiDataSets");
    }
}
