package org.dragnj.bench.throughput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bench.ForkOptions;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.training.FrozenTrunkTraining;
import org.dragnj.experiment.training.TrainingTarget;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of the demo experiment ({@code dragn-experiment/configs/demo.yaml}: small CNN
 * trunk at 32×32, DRAGN-L1, batches of 8 bags of 2–6 instances, Adam), as {@code dragn train} runs
 * it, over the 400 training bags; bags/s = training bags / time per epoch.
 *
 * <ul>
 *   <li>{@code FULL}: the whole model (trunk, aggregation, head) trains on images.</li>
 *   <li>{@code FROZEN}: the frozen-trunk path ({@code training.frozen_trunk}): the trunk's features
 *       are extracted once into the feature cache (in the setup, not timed; reused across runs),
 *       and only the head (aggregation, pooling, classifier) trains on them.</li>
 * </ul>
 * {@code feed}: {@code ITERATOR} reads each epoch through a {@link BagIterator} as the trainer
 * does (PNG decode and augmentation, or cached features, loaded ahead on a background thread);
 * {@code PRELOADED} trains on the epoch's batches held in memory, so only the optimizer steps are
 * timed. Validation, checkpoints and logging of the trainer are not part of either. {@code threads}
 * caps ND4J's native threads (1 suits the frozen head's tiny operations on a busy machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TrainingBenchmark {

    static {
        Backend.configure();
    }

    public enum Variant { FULL, FROZEN }

    public enum Feed { ITERATOR, PRELOADED }

    @Param({"FULL", "FROZEN"})
    public Variant variant;

    @Param({"ITERATOR", "PRELOADED"})
    public Feed feed;

    /** ND4J native threads; 0 = ND4J's default, one per core (see {@link NativeThreads}). */
    @Param({"0"})
    public int threads;

    private BagClassifier trained;
    private BagIterator iterator;
    private List<BagBatch> batches;
    private int epoch;

    @Setup
    public void setUp() throws IOException {
        NativeThreads.limit(threads);
        ExperimentConfig config = Workloads.demoConfig();
        Manifest manifest = Workloads.manifest(Workloads.Dataset.DEMO);
        DragnModel model = DragnModel.create(Experiment.modelSpec(config, manifest));
        BagLoaderSpec spec = Experiment.loaderSpec(config);
        List<BagRecord> train = manifest.bags(Split.TRAIN);
        if (variant == Variant.FULL) {
            trained = model;
            iterator = new BagIterator(manifest, train, spec);
        } else {
            // as 'dragn train --frozen-trunk' does it; the first setup extracts the features of every split
            TrainingTarget frozen = FrozenTrunkTraining.prepare(model, manifest, Map.of(Split.TRAIN, train,
                    Split.VAL, manifest.bags(Split.VAL), Split.TEST, manifest.bags(Split.TEST)), spec,
                    Workloads.work().resolve("features"), ProgressListener.NONE);
            trained = frozen.classifier();
            iterator = frozen.bags().train();
        }
        if (feed == Feed.PRELOADED) {
            batches = new ArrayList<>();
            try (BagIterator.Epoch e = iterator.epoch(0)) {
                e.forEachRemaining(batches::add);
            }
        }
    }

    /** Bags trained on per epoch. */
    public static int bagsPerEpoch() {
        return Workloads.manifest(Workloads.Dataset.DEMO).bags(Split.TRAIN).size();
    }

    @Benchmark
    public double epoch() {
        double score = 0;
        if (feed == Feed.PRELOADED) {
            for (BagBatch b : batches) {
                score += trained.fit(b);
            }
            return score;
        }
        try (BagIterator.Epoch e = iterator.epoch(epoch++)) {
            while (e.hasNext()) {
                score += trained.fit(e.next());
            }
        }
        return score;
    }
}
