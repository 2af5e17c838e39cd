package org.dragnj.bench.peer;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dragnj.bench.ForkOptions;
import org.dragnj.model.trunk.TrunkContext;
import org.dragnj.platform.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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
 * A torchvision-geometry ResNet ImageNet classifier (1000 classes, 224²) in DL4J on the backend
 * {@link Backend} selects: one forward pass and one Adam training step on a batch.
 * The DJL/PyTorch twin of this benchmark runs the same geometry (see the peer-djl profile).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", ForkOptions.VECTOR_API})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
public class Dl4jResNetBenchmark {

    static {
        Backend.configure();
    }

    @Param({"resnet18", "resnet50"})
    public String model;

    @Param({"4"})
    public int batch;

    @Param({"224"})
    public int size;

    private ComputationGraph graph;
    private INDArray input;
    private INDArray labels;

    @Setup
    public void setUp() {
        graph = classifier(ResNetGeometry.named(model), size, 1000);
        Nd4j.getRandom().setSeed(1);
        input = Nd4j.rand(DataType.FLOAT, batch, 3, size, size);
        labels = Nd4j.zeros(DataType.FLOAT, batch, 1000);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, (i * 37) % 1000, 1.0);
        }
    }

    @Benchmark
    public INDArray forward() {
        return graph.output(false, input)[0];
    }

    @Benchmark
    public double trainStep() {
        graph.fit(new INDArray[] {input}, new INDArray[] {labels});
        return graph.score();
    }

    /** The trunk, global average pooling and a softmax classifier, as torchvision's resnetXX. */
    static ComputationGraph classifier(ResNetGeometry geometry, int size, int classes) {
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .activation(Activation.IDENTITY)
                // Keep each convolution's pre-activation from the forward pass for backprop; without
                // it DL4J recomputes every convolution's forward pass during backprop.
                .cacheMode(CacheMode.DEVICE)
                .updater(new Adam(1e-4)).weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, 3));
        String features = geometry.trunk().addTo(g, "in", new TrunkContext(size, size, 1, new Adam(1e-4)));
        g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), features)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "avgpool")
                .setOutputs("fc");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }
}
