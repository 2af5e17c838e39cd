package org.dragnj.bench.peer;

import java.util.concurrent.TimeUnit;

import org.dragnj.bags.BagBatch;
import org.dragnj.bench.ForkOptions;
import org.dragnj.model.DragnModel;
import org.dragnj.platform.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * A whole {@link PeerModel} in DL4J as the product runs it: one {@link DragnModel#fit} step on the
 * case's batch of bags, and a prediction through {@link DragnModel#forInference()} (BatchNorm folded).
 * The DJL/PyTorch twin is {@code DjlModelBenchmark} (profile peer-djl).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class Dl4jModelBenchmark {

    static {
        Backend.configure();
    }

    @Param({"SMALL_DRAGN_L1"})
    public PeerModel model;

    private DragnModel trained;
    private DragnModel inference;
    private BagBatch batch;

    @Setup
    public void setUp() {
        trained = DragnModel.create(model.spec());
        inference = trained.forInference();
        batch = model.batch(PeerModel.BATCH_SEED);
    }

    @Benchmark
    public double trainStep() {
        return trained.fit(batch);
    }

    @Benchmark
    public INDArray inference() {
        return inference.predict(batch);
    }
}
