package org.dragnj.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/** One optimizer step of a DJL trainer, as every peer benchmark times it. */
final class DjlTrainingStep {

    private DjlTrainingStep() {
    }

    /**
     * Forward, loss, backward and update on copies of {@code input} and {@code labels} held by a
     * sub-manager (freed after the step, so nothing accumulates across iterations); returns the loss
     * before the update, as DL4J's fit does.
     */
    static float run(Trainer trainer, NDManager manager, NDArray input, NDArray labels) {
        float value;
        try (NDManager step = manager.newSubManager()) {
            NDArray x = input.duplicate();
            x.attach(step);
            NDArray y = labels.duplicate();
            y.attach(step);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList prediction = trainer.forward(new NDList(x));
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), prediction);
                collector.backward(loss);
                value = loss.getFloat();
            }
            trainer.step();
        }
        return value;
    }
}
