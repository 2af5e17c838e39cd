package org.dragnj.bench.step;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bench.ForkOptions;
import org.dragnj.bench.throughput.NativeThreads;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.experiment.training.BatchStep;
import org.dragnj.experiment.training.TrainingState;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.platform.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of 8 bags (issue 18, item 5), sampled step by step so that the median and the
 * spread show.
 *
 * <ul>
 *   <li>{@link #step()}: what the trainer does per batch in a sequential epoch: the next batch from
 *       the bag iterator (loaded ahead on its thread, as in a run), the optimizer step with its score
 *       reading ({@code BagClassifier.fit}), the divergence test and progress report
 *       ({@link BatchStep}); a new epoch is opened when one runs out, as the trainer does.</li>
 *   <li>{@link #fit()}: {@code BagClassifier.fit} alone on batches held in memory: the step without
 *       the data hand-off and the trainer's bookkeeping.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class StepBenchmark {

    static {
        Backend.configure();
    }

    @Param({"FROZEN_DEMO", "FROZEN_RESNET18", "SMALL_TRUNK"})
    public StepWorkload workload;

    @Param({"DRAGN_L1", "MEAN"})
    public Aggregation aggregation;

    /** ND4J native threads; 0 = ND4J's default, one per core. */
    @Param({"0"})
    public int threads;

    private BagClassifier classifier;
    private BagIterator train;
    private BatchStep step;
    private BagIterator.Epoch epoch;
    private int epochIndex;
    private TrainingState state;
    private List<BagBatch> held;
    private int nextHeld;

    @Setup
    public void setUp() {
        NativeThreads.limit(threads);
        StepWorkload.Prepared p = workload.prepare(aggregation);
        classifier = p.classifier();
        train = p.train();
        step = new BatchStep(p.divergenceFactor(), ProgressListener.NONE);
        state = TrainingState.start(classifier.spec().optimizer().learningRate());
        held = new ArrayList<>();
        try (BagIterator.Epoch e = train.epoch(0)) {
            e.forEachRemaining(held::add);
        }
        epoch = train.epoch(epochIndex);
    }

    @TearDown
    public void tearDown() {
        epoch.close();
    }

    @Benchmark
    public TrainingState step() {
        if (!epoch.hasNext()) {
            epoch.close();
            epoch = train.epoch(++epochIndex);
        }
        BatchStep.Outcome outcome = step.take(classifier, epoch.next(), state);
        // a diverging loss stops a run; here it only leaves the state where it was
        state = outcome.state();
        return state;
    }

    @Benchmark
    public double fit() {
        BagBatch batch = held.get(nextHeld);
        nextHeld = (nextHeld + 1) % held.size();
        return classifier.fit(batch);
    }
}
