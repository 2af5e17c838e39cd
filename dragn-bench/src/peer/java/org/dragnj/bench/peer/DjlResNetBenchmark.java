package org.dragnj.bench.peer;

import java.util.concurrent.TimeUnit;

import org.dragnj.bench.ForkOptions;
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

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The twin of {@link Dl4jResNetBenchmark} on DJL with the PyTorch (libtorch CPU) engine: the same
 * torchvision geometry, batch, input size, loss (softmax cross-entropy) and optimizer (Adam 1e-4).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", ForkOptions.VECTOR_API, "-Dai.djl.offline=true"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
public class DjlResNetBenchmark {

    @Param({"resnet18", "resnet50"})
    public String model;

    @Param({"4"})
    public int batch;

    @Param({"224"})
    public int size;

    private NDManager manager;
    private Model djlModel;
    private Trainer trainer;
    private NDArray input;
    private NDArray labels;

    @Setup
    public void setUp() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            throw new IllegalStateException("DJL engine is " + Engine.getInstance().getEngineName() + ", not PyTorch");
        }
        manager = NDManager.newBaseManager();
        djlModel = Model.newInstance("peer-" + model);
        djlModel.setBlock(DjlResNets.classifier(ResNetGeometry.named(model), 1000));
        trainer = djlModel.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build()));
        trainer.initialize(new Shape(batch, 3, size, size));
        manager.getEngine().setRandomSeed(1);
        input = manager.randomUniform(0, 1, new Shape(batch, 3, size, size));
        int[] classes = new int[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = (i * 37) % 1000;
        }
        labels = manager.create(classes);
    }

    @Benchmark
    public float forward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(step);
            NDList out = djlModel.getBlock().forward(new ParameterStore(step, false), new NDList(x), false);
            return out.singletonOrThrow().getFloat(0, 0);
        }
    }

    @Benchmark
    public float trainStep() {
        return DjlTrainingStep.run(trainer, manager, input, labels);
    }

    @TearDown
    public void tearDown() {
        trainer.close();
        djlModel.close();
        manager.close();
    }
}
