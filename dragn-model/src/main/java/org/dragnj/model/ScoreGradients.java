package org.dragnj.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient of each label's predicted probability with respect to each instance of its bag, as
 * the model predicts (inference mode, BatchNorm on running statistics): which instances the score
 * is most sensitive to. Taken on the head of a {@link FrozenTrunk} its instances are trunk
 * features; DL4J's BatchNormalization layers in a trunk cannot be differentiated this way (see
 * {@link ProbabilityGraph}), so for a whole model with such a trunk it is refused.
 *
 * <p>Bags do not interact in inference mode, so one backward pass per label serves the whole batch:
 * the gradient of Σ_b p_{b,k} at bag b's instances is that of p_{b,k}. For single-instance models a
 * bag scores the maximum over its instances, whose gradient is the top instance's alone.
 */
public final class ScoreGradients {

    private final ProbabilityGraph graph;
    private final BagScoring scoring;
    private final int labels;

    private ScoreGradients(ProbabilityGraph graph, BagScoring scoring, int labels) {
        this.graph = graph;
        this.scoring = scoring;
        this.labels = labels;
    }

    /** For a model or a frozen trunk's head, with its current parameters (later training is not seen). */
    public static ScoreGradients of(BagClassifier classifier) {
        if (!(classifier instanceof GraphBagClassifier g)) {
            throw new IllegalArgumentException("score gradients need a model built by ModelGraphFactory, not "
                    + classifier.getClass().getName());
        }
        return new ScoreGradients(ProbabilityGraph.of(g.graph()), g.scoring(), g.spec().numLabels());
    }

    /**
     * One array per label k, shaped like the batch's instances: row i holds d p_{b,k} / d instance i,
     * b being the bag of instance i.
     */
    public List<INDArray> gradients(BagBatch batch) {
        List<INDArray> out = new ArrayList<>(labels);
        forEachLabel(batch, (k, gradient) -> out.add(gradient));
        return out;
    }

    /**
     * Gradient × input [sum of bag lengths, K]: Σ over each instance's elements of d p_{b,k} / dx · x,
     * the first-order estimate of how much p_{b,k} owes to the instance (its change if the instance
     * were zero). Only one label's gradient is held at a time.
     */
    public INDArray gradientTimesInput(BagBatch batch) {
        INDArray x = batch.instances();
        INDArray out = Nd4j.create(x.dataType(), x.size(0), labels);
        forEachLabel(batch, (k, gradient) -> out.getColumn(k).assign(gradient.muli(x).reshape(x.size(0), -1).sum(1)));
        return out;
    }

    private void forEachLabel(BagBatch batch, BiConsumer<Integer, INDArray> consumer) {
        INDArray p = graph.probabilities(scoring.inputs(batch));
        for (int k = 0; k < labels; k++) {
            INDArray error = Nd4j.zeros(p.dataType(), p.shape());
            if (scoring instanceof SingleInstanceScoring) {
                selectTopInstances(p, batch.layout(), k, error);
            } else {
                error.getColumn(k).assign(1);
            }
            consumer.accept(k, graph.inputGradient(error));
        }
    }

    /** A 1 at each bag's highest-scoring instance for label k: the maximum passes on only its gradient. */
    private static void selectTopInstances(INDArray instanceScores, BagLayout layout, int k, INDArray error) {
        for (int b = 0; b < layout.bags(); b++) {
            int offset = layout.offset(b);
            int top = offset;
            for (int j = 1; j < layout.length(b); j++) {
                if (instanceScores.getDouble(offset + j, k) > instanceScores.getDouble(top, k)) {
                    top = offset + j;
                }
            }
            error.putScalar(top, k, 1.0);
        }
    }
}
