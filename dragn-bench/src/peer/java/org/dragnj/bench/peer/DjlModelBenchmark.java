package org.dragnj.bench.peer;

import java.util.concurrent.TimeUnit;

import org.dragnj.bench.ForkOptions;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The twin of {@link Dl4jModelBenchmark} on DJL with the PyTorch (libtorch CPU) engine: the same
 * {@link PeerModel}, started from the weights DL4J initialises for it (built once in the setup and
 * dropped), the same batch, loss and Adam settings. {@link PeerModelCheck} establishes that both compute
 * the same model.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Dai.djl.offline=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class DjlModelBenchmark {

    static {
        Backend.configure();
    }

    @Param({"SMALL_DRAGN_L1"})
    public PeerModel model;

    private DjlPeerModel peer;

    @Setup
    public void setUp() {
        peer = new DjlPeerModel(model, DragnModel.create(model.spec()).graph(), model.batch(PeerModel.BATCH_SEED));
    }

    @Benchmark
    public float trainStep() {
        return peer.trainStep();
    }

    @Benchmark
    public float[] inference() {
        return peer.predict();
    }

    @TearDown
    public void tearDown() {
        peer.close();
    }
}
