package org.dragnj.experiment.training;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleConsumer;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;

/**
 * Data-parallel in one JVM: ParallelWrapper hands one batch to each of N model replicas, then
 * averages their parameters and optimizer states (every step), so N batches make one step of N
 * times the batch.
 */
public final class ParallelWrapperTraining implements ParallelTraining {

    private final int workers;

    public ParallelWrapperTraining(int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("data-parallel training needs at least 2 workers, not " + workers);
        }
        this.workers = workers;
    }

    @Override
    public void fitEpoch(BagClassifier model, BagIterator.Epoch batches, ProgressListener progress,
            DoubleConsumer stepLosses) {
        // the replicas report from their own threads; the trainer hears the losses on its thread afterwards
        ConcurrentLinkedQueue<Double> losses = new ConcurrentLinkedQueue<>();
        TrainingListener listener = new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model m) {
                losses.add(DragnModel.dataLoss((ComputationGraph) m));
            }
        };
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(model.graph()).workers(workers).averagingFrequency(1)
                .averageUpdaters(true).prefetchBuffer(2).reportScoreAfterAveraging(false).build();
        wrapper.setListeners(List.of(listener));
        try {
            wrapper.fit(new EpochDataSets(batches, b -> {
                progress.advanced(b.size(), "");
                return model.trainingData(b);
            }));
        } finally {
            wrapper.shutdown();
            model.graph().setListeners(List.of());
        }
        losses.forEach(stepLosses::accept);
    }

    @Override
    public String description() {
        return "ParallelWrapper, " + workers + " workers averaged every step";
    }
}
