package org.dragnj.bench.aggregation;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bench.ForkOptions;
import org.dragnj.model.aggregation.DetachedVertex;
import org.dragnj.model.aggregation.dragn.DragnVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.platform.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
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
 * The per-window loop ({@link WindowLoopAggregation}): one unit call per window, on the same bag
 * and with the same unit parameters as {@link AggregationBenchmark}'s DRAGN vertex, so the ratio
 * of the two is the speed-up of the batched rounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WindowLoopBenchmark {

    static {
        Backend.configure();
    }

    @Param({"L1"})
    public UnitDepth unit;

    @Param({"1", "2", "3", "4", "5", "8", "16", "32", "50"})
    public int n;

    @Param({"512x6x10"})
    public String map;

    private WindowLoopAggregation loop;
    private INDArray instances;
    private INDArray outputGradient;

    @Setup
    public void setUp() {
        long[] s = MapShape.parse(map);
        UnitArchitecture arch = new UnitArchitecture(unit, false);
        DetachedVertex vertex = new DetachedVertex(new DragnVertex(arch, UnitInit.UNIFORM, new NoOp(), List.of()),
                InputType.convolutional(s[1], s[2], s[0]), DataType.FLOAT, 1);
        loop = WindowLoopAggregation.of(vertex, arch);
        Nd4j.getRandom().setSeed(2);
        instances = Nd4j.rand(DataType.FLOAT, n, s[0], s[1], s[2]);
        outputGradient = Nd4j.rand(DataType.FLOAT, 1, s[0], s[1], s[2]);
    }

    @Benchmark
    public INDArray forward() {
        return loop.forward(instances);
    }

    @Benchmark
    public INDArray forwardBackward() {
        return loop.backward(loop.forwardTraining(instances), outputGradient).instances();
    }
}
