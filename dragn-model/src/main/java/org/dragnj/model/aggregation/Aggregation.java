package org.dragnj.model.aggregation;

import java.util.List;

import org.dragnj.model.aggregation.dragn.DragnVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/** How a model combines the instances of a bag into one prediction. */
public enum Aggregation {
    /** DRAGN with the one-convolution unit (the paper's Drosophila setting). */
    DRAGN_L1(UnitDepth.L1),
    DRAGN_L2(UnitDepth.L2),
    DRAGN_L3(UnitDepth.L3);

    private final UnitDepth unitDepth;

    Aggregation(UnitDepth unitDepth) {
        this.unitDepth = unitDepth;
    }

    public boolean isDragn() {
        return unitDepth != null;
    }

    /** The graph vertex that aggregates packed instances [sum n, ...] with a bag mask into [B, ...]. */
    public BagVertex createVertex(boolean unitBatchNorm, IUpdater updater, List<Regularization> regularization) {
        return new DragnVertex(new UnitArchitecture(unitDepth, unitBatchNorm), updater, regularization);
    }
}
