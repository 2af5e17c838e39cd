package org.dragnj.bench.throughput;

import java.util.concurrent.TimeUnit;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bench.ForkOptions;
import org.dragnj.datasets.iterator.Augmentation;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The training data pipeline alone: one epoch of the training split through a {@link BagIterator}
 * with the training settings (shuffled, PNG decode, resize, random flips/rotations, batches of 8
 * packed into bag batches, two batches loaded ahead); images/s = instances / time per epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PipelineBenchmark {

    static {
        Backend.configure();
    }

    @Param({"DEMO", "FLY_180X320"})
    public Workloads.Dataset dataset;

    private BagIterator iterator;
    private int epoch;

    @Setup
    public void setUp() {
        Manifest manifest = Workloads.manifest(dataset);
        int[] hw = Workloads.imageSize(dataset);
        BagLoaderSpec spec = BagLoaderSpec.builder().setImageSize(hw[0], hw[1]).optBatchSize(8).optAugmentation(Augmentation.FLIPS_ROT90)
                .optSeed(42).build();
        iterator = new BagIterator(manifest, manifest.bags(Split.TRAIN), spec);
    }

    @Benchmark
    public void epoch(Blackhole bh) {
        try (BagIterator.Epoch e = iterator.epoch(epoch++)) {
            while (e.hasNext()) {
                BagBatch b = e.next();
                bh.consume(b.instances());
            }
        }
    }
}
