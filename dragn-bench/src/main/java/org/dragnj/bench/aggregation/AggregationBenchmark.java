package org.dragnj.bench.aggregation;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dragnj.bags.BagLayout;
import org.dragnj.bench.ForkOptions;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.DetachedVertex;
import org.dragnj.platform.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * Aggregation depth: one aggregation vertex (the batched implementation the model uses) on one bag
 * of n instance maps [C, h, w], forward (inference) and forward+backward (training), outside any
 * graph. Time per operation is time per bag. FLOPs: {@link AggregationCost}.
 *
 * <p>{@code map} is "CxHxW" or "TRUNK@HxW" (the trunk's output on that image size, computed from
 * the DL4J graph; see {@link MapShape}). 512x6x10 is ResNet18 on a 180×320 FlyExpress image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Djava.awt.headless=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AggregationBenchmark {

    static {
        Backend.configure();
    }

    @Param({"DRAGN_L1", "DRAGN_L2", "DRAGN_L3", "MEAN", "MAX", "NAN", "NAN_CASCADE", "SPOC", "GATED_ATTENTION"})
    public Aggregation aggregation;

    @Param({"1", "2", "3", "4", "5", "8", "16", "32", "50"})
    public int n;

    @Param({"512x6x10", "ZOO_RESNET50@512x512"})
    public String map;

    private DetachedVertex vertex;
    private INDArray instances;
    private INDArray mask;
    private INDArray outputGradient;

    @Setup
    public void setUp() {
        long[] s = MapShape.parse(map);
        vertex = new DetachedVertex(aggregation.createVertex(Aggregation.VertexSettings.detached()),
                InputType.convolutional(s[1], s[2], s[0]), DataType.FLOAT, 1);
        Nd4j.getRandom().setSeed(2);
        instances = Nd4j.rand(DataType.FLOAT, n, s[0], s[1], s[2]);
        mask = BagLayout.uniform(1, n).toMask(DataType.FLOAT);
        INDArray out = vertex.forward(instances, mask, false);
        outputGradient = Nd4j.rand(DataType.FLOAT, out.shape());
    }

    @Benchmark
    public INDArray forward() {
        return vertex.forward(instances, mask, false);
    }

    @Benchmark
    public INDArray forwardBackward() {
        vertex.forward(instances, mask, true);
        return vertex.backward(outputGradient).getSecond()[0];
    }
}
