package org.dragnj.model.aggregation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.dragnj.model.aggregation.attention.AttentionMilVertex;
import org.dragnj.model.aggregation.attention.AttentionVertex;
import org.dragnj.model.aggregation.attention.GatedAttentionVertex;
import org.dragnj.model.aggregation.attention.NanVertex;
import org.dragnj.model.aggregation.dragn.DragnVertex;
import org.dragnj.model.aggregation.dragn.UnitArchitecture;
import org.dragnj.model.aggregation.dragn.UnitDepth;
import org.dragnj.model.aggregation.dragn.UnitInit;
import org.dragnj.model.aggregation.pooling.MaxVertex;
import org.dragnj.model.aggregation.pooling.MeanVertex;
import org.dragnj.model.aggregation.pooling.SpocVertex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * How a model combines the instances of a bag into one prediction: DRAGN and the paper's baselines
 * (docs/design.md §3). This enum is the one place that knows every aggregation: its name in tables
 * and figures, what it outputs, and its vertex, from which its other traits are read (DRAGN depth,
 * per-instance weights, order dependence). Adding an aggregation is one constant here plus its
 * vertex.
 */
public enum Aggregation {
    /** DRAGN with the one-convolution unit (the paper's Drosophila setting). */
    DRAGN_L1("DRAGN-L1", Output.MAPS, s -> dragn(UnitDepth.L1, s)),
    DRAGN_L2("DRAGN-L2", Output.MAPS, s -> dragn(UnitDepth.L2, s)),
    DRAGN_L3("DRAGN-L3", Output.MAPS, s -> dragn(UnitDepth.L3, s)),
    /** MI_mean: the mean of the instances' feature maps. */
    MEAN("MI_mean", Output.MAPS, s -> new MeanVertex()),
    /** MVCNN view pooling: the element-wise maximum of the instances' feature maps. */
    MAX("MVCNN", Output.MAPS, s -> new MaxVertex()),
    /** Neural aggregation network, one attention block with a learned query (Yang et al. 2017). */
    NAN("NAN", Output.VECTOR, s -> new NanVertex(1, s.updater(), s.regularization())),
    /** Neural aggregation network, two cascaded blocks: the second block's query is tanh(W r0 + b). */
    NAN_CASCADE("NAN (2 blocks)", Output.VECTOR, s -> new NanVertex(2, s.updater(), s.regularization())),
    /** Sum pooling with a Gaussian centre prior per instance (Babenko and Lempitsky 2015), averaged over the bag. */
    SPOC("SPoC", Output.VECTOR, s -> new SpocVertex()),
    /** Attention MIL pooling (Ilse et al. 2018): tanh attention, softmax over the bag. */
    ATTENTION("Attention", Output.VECTOR,
            s -> new AttentionVertex(AttentionMilVertex.DEFAULT_HIDDEN, s.updater(), s.regularization())),
    /** Gated attention MIL pooling (Ilse et al. 2018). */
    GATED_ATTENTION("Gated attn.", Output.VECTOR,
            s -> new GatedAttentionVertex(AttentionMilVertex.DEFAULT_HIDDEN, s.updater(), s.regularization())),
    /**
     * SI: every instance is trained alone with its bag's labels; a bag scores the per-label maximum
     * of its instances. The bag is formed after the head, so there is no vertex.
     */
    SINGLE_INSTANCE("SI", Output.INSTANCE_SCORES, null);

    /** What the aggregation hands to the head. */
    public enum Output {
        /** One feature map per bag [C, h, w], pooled by the head. Works before the trunk too. */
        MAPS,
        /** One feature vector per bag [C], from globally pooled instance features. */
        VECTOR,
        /** Nothing: the head scores every instance, and the bag's scores are formed from theirs. */
        INSTANCE_SCORES
    }

    /**
     * What an aggregation vertex is built with.
     *
     * @param unitBatchNorm BatchNorm in the DRAGN unit (L2/L3)
     * @param unitInit      how the DRAGN unit starts
     */
    public record VertexSettings(boolean unitBatchNorm, UnitInit unitInit, IUpdater updater,
            List<Regularization> regularization) {

        /**
         * Settings for vertices built outside a model (tests, benchmarks): random unit weights, no updater,
         * no regularization.
         */
        public static VertexSettings detached() {
            return new VertexSettings(false, UnitInit.UNIFORM, new NoOp(), List.of());
        }
    }

    private final String displayName;
    private final Output output;
    private final Function<VertexSettings, BagVertex> vertex;

    Aggregation(String displayName, Output output, Function<VertexSettings, BagVertex> vertex) {
        this.displayName = displayName;
        this.output = output;
        this.vertex = vertex;
    }

    /** The name tables, reports and figures use (the paper's, where it has one). */
    public String displayName() {
        return displayName;
    }

    public Output output() {
        return output;
    }

    /** Whether the bag is formed inside the network, by a vertex (every aggregation but SI). */
    public boolean hasVertex() {
        return vertex != null;
    }

    /** The DRAGN unit's depth, for the DRAGN aggregations. */
    public Optional<UnitDepth> unitDepth() {
        return prototype() instanceof DragnVertex d ? Optional.of(d.getUnit().depth()) : Optional.empty();
    }

    /** Whether it weighs instances with weights a user can inspect (attention). */
    public boolean hasInstanceWeights() {
        return hasVertex() && prototype().hasInstanceWeights();
    }

    /** Whether the order of a bag's instances changes its output (DRAGN's windows do). */
    public boolean isOrderDependent() {
        return hasVertex() && prototype().dependsOnOrder();
    }

    /** Whether it can aggregate raw images before the trunk (pre-aggregation). */
    public boolean supportsPreAggregation() {
        return output == Output.MAPS;
    }

    /**
     * The graph vertex that aggregates packed instances [sum n, ...] with a bag mask into [B, ...].
     *
     * @throws IllegalStateException for an aggregation without a vertex (see {@link #hasVertex()})
     */
    public BagVertex createVertex(VertexSettings settings) {
        if (vertex == null) {
            throw new IllegalStateException(this + " forms the bag after the head; it has no aggregation vertex");
        }
        return vertex.apply(settings);
    }

    private BagVertex prototype() {
        return vertex == null ? null : vertex.apply(VertexSettings.detached());
    }

    private static BagVertex dragn(UnitDepth depth, VertexSettings s) {
        return new DragnVertex(new UnitArchitecture(depth, s.unitBatchNorm()), s.unitInit(), s.updater(),
                s.regularization());
    }
}
