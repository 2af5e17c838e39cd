package org.dragnj.model.aggregation.attention;

import java.util.List;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Gated attention MIL pooling: e_k = wᵀ (tanh(V h_k + b_V) ⊙ sigm(U h_k + b_U)) (see {@link AttentionMilVertex}). */
public class GatedAttentionVertex extends AttentionMilVertex {

    /** For Jackson. */
    public GatedAttentionVertex() {
    }

    public GatedAttentionVertex(int hidden, IUpdater updater, List<Regularization> regularization) {
        super(hidden, updater, regularization);
    }

    @Override
    protected boolean gated() {
        return true;
    }

    @Override
    protected AttentionMilVertex blank() {
        return new GatedAttentionVertex();
    }
}
