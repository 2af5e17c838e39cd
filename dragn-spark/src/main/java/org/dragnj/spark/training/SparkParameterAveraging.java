package org.dragnj.spark.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.experiment.training.ParallelTraining;
import org.dragnj.model.BagClassifier;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Data-parallel training on Spark with DL4J's {@link ParameterAveragingTrainingMaster}: in every round
 * each of R replicas (Spark tasks) starts from the driver's weights and optimizer state, takes F
 * steps on its own batches, and the driver averages the R parameter vectors and Adam states into
 * its model. With F = 1 this is the arithmetic of one-JVM ParallelWrapper training: R batches make
 * one step of R times the batch.
 *
 * <p>The driver reads the batches (the bag iterator of a normal run: same buckets, order and
 * augmentation) and sends each round's R × F batches to the executors, so the driver's memory holds
 * one round, not an epoch, and the data travels once per step. The epoch is fed to DL4J one round
 * at a time, which also lets the trainer see every round's losses (divergence) and show progress.
 */
public final class SparkParameterAveraging implements ParallelTraining {

    private final JavaSparkContext spark;
    private final int replicas;
    private final int averagingFrequency;
    private final long seed;

    /**
     * @param replicas tasks that fit in parallel in a round (at most the executors' cores in total)
     * @param averagingFrequency steps each replica takes between averagings
     */
    public SparkParameterAveraging(JavaSparkContext spark, int replicas, int averagingFrequency, long seed) {
        if (replicas < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("replicas and averaging frequency must be >= 1, not " + replicas + " and "
                    + averagingFrequency);
        }
        this.spark = spark;
        this.replicas = replicas;
        this.averagingFrequency = averagingFrequency;
        this.seed = seed;
    }

    @Override
    public void fitEpoch(BagClassifier model, BagIterator.Epoch batches, ProgressListener progress,
            DoubleConsumer stepLosses) {
        CollectionAccumulator<Double> losses = spark.sc().collectionAccumulator("dragn step losses");
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(replicas, 1)
                .batchSizePerWorker(1) // one whole bag batch per step, see WholeBatches
                .averagingFrequency(averagingFrequency).saveUpdater(true).workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct) // no export: the batches are already batches
                .repartionData(Repartition.Never) // the slices below are the replicas' shares
                .collectTrainingStats(false).rngSeed(seed).trainingHooks(new WorkerHook(losses)).build();
        SparkComputationGraph network = new SparkComputationGraph(spark, model.graph(), master);
        int perRound = replicas * averagingFrequency;
        while (batches.hasNext()) {
            List<MultiDataSet> round = new ArrayList<>(perRound);
            int bags = 0;
            while (round.size() < perRound && batches.hasNext()) {
                BagBatch batch = batches.next();
                bags += batch.size();
                round.add(WholeBatches.wrap(model.trainingData(batch)));
            }
            // consecutive slices of at most F batches: a replica never gets more than it steps on
            int slices = (round.size() + averagingFrequency - 1) / averagingFrequency;
            losses.reset();
            network.fitMultiDataSet(spark.parallelize(round, slices));
            List<Double> done = losses.value();
            if (done.size() != round.size()) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the Spark workers stepped on %d of the"
                        + " round's %d batches", done.size(), round.size()));
            }
            done.forEach(stepLosses::accept);
            progress.advanced(bags, "");
        }
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Spark parameter averaging (DL4J ParameterAveragingTrainingMaster), %d"
                + " replicas, averaged every %d step%s, master %s", replicas, averagingFrequency,
                averagingFrequency == 1 ? "" : "s", spark.master());
    }
}
