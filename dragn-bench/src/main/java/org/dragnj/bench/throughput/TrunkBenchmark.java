package org.dragnj.bench.throughput;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bench.ForkOptions;
import org.dragnj.model.ModelGraphFactory;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.trunk.Trunk;
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
 * A trunk alone (the model's trunk graph, randomly initialised, as {@link ModelGraphFactory#configureTrunk}
 * builds it) on a batch of images: forward in inference mode (images/s = batch / time), and
 * forward+backward in training mode (backprop of a given gradient of the feature maps, all weight
 * gradients computed, no optimizer update).
 *
 * <p>{@code trunk} is "TRUNK@HxW".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", ForkOptions.VECTOR_API, "-Dorg.bytedeco.javacpp.maxbytes=14g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g", "-Djava.awt.headless=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TrunkBenchmark {

    static {
        Backend.configure();
    }

    @Param({"SMALL_CNN@32x32", "RESNET18@180x320", "RESNET50@512x512"})
    public String trunk;

    @Param({"8"})
    public int batch;

    private ComputationGraph graph;
    private INDArray input;
    private INDArray featureGradient;

    /** The trunk graph of "TRUNK@HxW". */
    public static ComputationGraphConfiguration configuration(String trunk) {
        String[] parts = trunk.split("@");
        String[] hw = parts[1].split("x");
        Trunk t = Trunk.valueOf(parts[0]);
        ModelSpec spec = ModelSpec.builder().setTrunk(t).setLabels(List.of("label"))
                .setInputSize(Integer.parseInt(hw[0]), Integer.parseInt(hw[1])).build();
        return ModelGraphFactory.configureTrunk(spec, t);
    }

    /** {height, width} of "TRUNK@HxW". */
    public static int[] imageSize(String trunk) {
        String[] hw = trunk.split("@")[1].split("x");
        return new int[] {Integer.parseInt(hw[0]), Integer.parseInt(hw[1])};
    }

    @Setup
    public void setUp() {
        graph = new ComputationGraph(configuration(trunk));
        graph.init();
        int[] hw = imageSize(trunk);
        Nd4j.getRandom().setSeed(3);
        input = Nd4j.rand(DataType.FLOAT, batch, 3, hw[0], hw[1]);
        INDArray out = graph.output(false, input)[0];
        featureGradient = Nd4j.rand(DataType.FLOAT, out.shape()).subi(0.5);
    }

    @Benchmark
    public INDArray forward() {
        return graph.output(false, input)[0];
    }

    @Benchmark
    public INDArray forwardBackward() {
        graph.feedForward(new INDArray[] {input}, true, false);
        return graph.backpropGradient(featureGradient).gradient();
    }
}
