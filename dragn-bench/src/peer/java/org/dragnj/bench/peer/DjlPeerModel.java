package org.dragnj.bench.peer;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.bags.BagBatch;
import org.dragnj.model.OptimizerSpec;
import org.nd4j.linalg.api.buffer.DataType;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A {@link PeerModel} in DJL/PyTorch, started from a DL4J graph's weights, with its batch on the
 * PyTorch side: one Adam training step, and prediction in eval mode without autograd (as
 * {@code torch.no_grad()}; DJL otherwise records a graph whenever parameters require gradients).
 */
final class DjlPeerModel implements AutoCloseable {

    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final NDArray instances;
    private final NDArray labels;

    DjlPeerModel(PeerModel spec, ComputationGraph weights, BagBatch batch) {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            throw new IllegalStateException("DJL engine is " + Engine.getInstance().getEngineName() + ", not PyTorch");
        }
        WeightBindings bindings = new WeightBindings();
        DjlBagModel block = DjlBagModel.of(spec, bindings);
        manager = NDManager.newBaseManager();
        model = Model.newInstance("peer-" + spec.name());
        model.setBlock(block);
        trainer = model.newTrainer(new DefaultTrainingConfig(new BagBinaryCrossEntropy()).optOptimizer(adam(spec.optimizer())));
        trainer.initialize(new Shape(spec.instanceShape()));
        bindings.copy(weights, block);
        instances = manager.create(batch.instances().castTo(DataType.FLOAT).dup('c').data().asFloat(),
                new Shape(batch.instances().shape()));
        labels = manager.create(batch.labels().castTo(DataType.FLOAT).dup('c').data().asFloat(),
                new Shape(batch.labels().shape()));
    }

    /** Adam with DL4J's settings; DJL's update has DL4J's form (bias correction folded into the step size). */
    private static Optimizer adam(OptimizerSpec o) {
        if (o.optimizer() != org.dragnj.model.Optimizer.ADAM || o.weightDecay() != 0) {
            throw new IllegalArgumentException("the peer runs Adam without weight decay, not " + o);
        }
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) o.learningRate()))
                .optBeta1((float) o.beta1()).optBeta2((float) o.beta2()).optEpsilon((float) o.epsilon()).build();
    }

    /** One optimizer step on the batch; returns the loss before the update (as DL4J's fit). */
    float trainStep() {
        return DjlTrainingStep.run(trainer, manager, instances, labels);
    }

    /** Label probabilities [B, K] in eval mode (BatchNorm on running statistics), row-major. */
    float[] predict() {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = instances.duplicate();
            x.attach(step);
            NDList logits = model.getBlock().forward(new ParameterStore(step, false), new NDList(x), false);
            return Activation.sigmoid(logits.singletonOrThrow()).toFloatArray();
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
        manager.close();
    }

    /**
     * DL4J's binary cross-entropy output layer: p = sigmoid(z) clipped to [1e-5, 1 − 1e-5]
     * (LossBinaryXENT's default), summed over labels, averaged over bags.
     */
    static final class BagBinaryCrossEntropy extends Loss {

        static final float CLIP = 1e-5f;

        BagBinaryCrossEntropy() {
            super("BagBCE");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray y = labels.singletonOrThrow();
            NDArray p = Activation.sigmoid(predictions.singletonOrThrow()).clip(CLIP, 1 - CLIP);
            NDArray perElement = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log()));
            return perElement.sum().neg().div(y.getShape().get(0));
        }
    }
}
