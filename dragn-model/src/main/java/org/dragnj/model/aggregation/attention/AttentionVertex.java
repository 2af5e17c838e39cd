package org.dragnj.model.aggregation.attention;

import java.util.List;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Attention MIL pooling: e_k = wᵀ tanh(V h_k + b_V) (see {@link AttentionMilVertex}). */
public class AttentionVertex extends AttentionMilVertex {

    /** For Jackson. */
    public AttentionVertex() {
    }

    public AttentionVertex(int hidden, IUpdater updater, List<Regularization> regularization) {
        super(hidden, updater, regularization);
    }

    @Override
    protected boolean gated() {
        return false;
    }

    @Override
    protected AttentionMilVertex blank() {
        return new AttentionVertex();
    }
}
