package org.dragnj.model.aggregation;

import java.util.List;

import org.dragnj.model.aggregation.attention.GatedAttentionVertex;
import org.dragnj.model.aggregation.attention.NanVertex;
import org.dragnj.model.aggregation.dragn.DragnVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.dragnj.model.aggregation.pooling.MaxVertex;
import org.dragnj.model.aggregation.pooling.MeanVertex;
import org.dragnj.model.aggregation.pooling.SpocVertex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * How a model combines the instances of a bag into one prediction: DRAGN and the paper's baselines
 * (§3 of the design), each a vertex of the same graph on the same trunk, except
 * {@link #SINGLE_INSTANCE}, which has no aggregation vertex at all.
 */
public enum Aggregation {
    /** DRAGN with the one-convolution unit (the paper's Drosophila setting). */
    DRAGN_L1(Kind.MAPS),
    DRAGN_L2(Kind.MAPS),
    DRAGN_L3(Kind.MAPS),
    /** MI_mean: the mean of the instances' feature maps. */
    MEAN(Kind.MAPS),
    /** MVCNN view pooling: the element-wise maximum of the instances' feature maps. */
    MAX(Kind.MAPS),
    /** Neural aggregation network, one attention block with a learned query (Yang et al. 2017). */
    NAN(Kind.VECTOR),
    /** Neural aggregation network, two cascaded blocks: the second block's query is tanh(W r0 + b). */
    NAN_CASCADE(Kind.VECTOR),
    /** Sum pooling with a Gaussian centre prior per instance (Babenko and Lempitsky 2015), averaged over the bag. */
    SPOC(Kind.VECTOR),
    /** Gated attention MIL pooling (Ilse et al. 2018). */
    GATED_ATTENTION(Kind.VECTOR),
    /** SI: every instance trained alone with its bag's labels; a bag scores the per-label maximum of its instances. */
    SINGLE_INSTANCE(Kind.NONE);

    /** What the aggregation produces. */
    public enum Kind {
        /** One feature map per bag [C, h, w]; the head pools it. Works before the trunk too. */
        MAPS,
        /** One feature vector per bag [C], from globally pooled instance features. */
        VECTOR,
        /** No aggregation inside the network. */
        NONE
    }

    private final Kind kind;

    Aggregation(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isDragn() {
        return this == DRAGN_L1 || this == DRAGN_L2 || this == DRAGN_L3;
    }

    /** Whether it can aggregate raw images before the trunk (pre-aggregation). */
    public boolean supportsPreAggregation() {
        return kind == Kind.MAPS;
    }

    /** Whether it weighs instances with learned attention that a user can inspect. */
    public boolean hasAttention() {
        return this == NAN || this == NAN_CASCADE || this == GATED_ATTENTION;
    }

    /**
     * The graph vertex that aggregates packed instances [sum n, ...] with a bag mask into [B, ...].
     *
     * @throws IllegalStateException for {@link #SINGLE_INSTANCE}, which has no vertex
     */
    public BagVertex createVertex(boolean unitBatchNorm, IUpdater updater, List<Regularization> regularization) {
        return switch (this) {
            case DRAGN_L1 -> dragn(UnitDepth.L1, unitBatchNorm, updater, regularization);
            case DRAGN_L2 -> dragn(UnitDepth.L2, unitBatchNorm, updater, regularization);
            case DRAGN_L3 -> dragn(UnitDepth.L3, unitBatchNorm, updater, regularization);
            case MEAN -> new MeanVertex();
            case MAX -> new MaxVertex();
            case NAN -> new NanVertex(1, updater, regularization);
            case NAN_CASCADE -> new NanVertex(2, updater, regularization);
            case SPOC -> new SpocVertex();
            case GATED_ATTENTION -> new GatedAttentionVertex(GatedAttentionVertex.DEFAULT_HIDDEN, updater,
                    regularization);
            case SINGLE_INSTANCE -> throw new IllegalStateException("single-instance training has no aggregation vertex");
        };
    }

    private static BagVertex dragn(UnitDepth depth, boolean bn, IUpdater updater, List<Regularization> reg) {
        return new DragnVertex(new UnitArchitecture(depth, bn), updater, reg);
    }
}
