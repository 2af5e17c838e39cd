package org.dragnj.model;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Optimizer settings, as in PyTorch: {@code weightDecay} is an L2 term added to the gradient of
 * weights (torch.optim.Adam's weight_decay), not decoupled AdamW decay.
 */
public record OptimizerSpec(Optimizer optimizer, double learningRate, double beta1, double beta2, double epsilon,
        double weightDecay) {

    public OptimizerSpec {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is required");
        }
        if (optimizer != Optimizer.NONE && !(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
    }

    /** Adam as the paper trains: lr 1e-4, β1 0.9, β2 0.999, ε 1e-8, no weight decay. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec(Optimizer.ADAM, learningRate, 0.9, 0.999, 1e-8, 0);
    }

    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec(Optimizer.SGD, learningRate, 0, 0, 0, 0);
    }

    public static OptimizerSpec none() {
        return new OptimizerSpec(Optimizer.NONE, 0, 0, 0, 0, 0);
    }

    public OptimizerSpec withWeightDecay(double decay) {
        return new OptimizerSpec(optimizer, learningRate, beta1, beta2, epsilon, decay);
    }

    public IUpdater toUpdater() {
        return switch (optimizer) {
            case ADAM -> new Adam(learningRate, beta1, beta2, epsilon);
            case SGD -> new Sgd(learningRate);
            case NONE -> new NoOp();
        };
    }
}
