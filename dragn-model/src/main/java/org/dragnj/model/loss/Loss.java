package org.dragnj.model.loss;

import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/** The training losses the paper names (docs/design.md §4), with their published defaults. */
public enum Loss {
    /** Binary cross-entropy per label. */
    BCE,
    /** Focal loss, γ = 2. */
    FOCAL,
    /** FlyIT's FEC loss, α = 100, γ = 1. */
    FEC;

    public ILossFunction create() {
        return switch (this) {
            case BCE -> new LossBinaryXENT();
            case FOCAL -> new FocalLoss(FocalLoss.DEFAULT_GAMMA);
            case FEC -> new FecLoss(100, 1);
        };
    }
}
