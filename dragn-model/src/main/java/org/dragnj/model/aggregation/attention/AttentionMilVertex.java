package org.dragnj.model.aggregation.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamInit;
import org.dragnj.model.aggregation.ParamSpec;
import org.dragnj.model.aggregation.VectorBagVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Attention MIL pooling (Ilse, Tomczak and Welling 2018) over instance feature vectors h_k (globally
 * pooled maps): scores e_k = wᵀ tanh(V h_k + b_V), or in the gated form
 * e_k = wᵀ (tanh(V h_k + b_V) ⊙ sigm(U h_k + b_U)); a = softmax_k(e), z = Σ a_k h_k. The scalar bias
 * of the score layer in the reference code is left out: softmax ignores it. The two forms differ only
 * in the gate, so they share this class: {@link AttentionVertex}, {@link GatedAttentionVertex}.
 */
public abstract class AttentionMilVertex extends VectorBagVertex {

    /** Attention hidden size D, as in Ilse et al. */
    public static final int DEFAULT_HIDDEN = 128;

    private int hidden = DEFAULT_HIDDEN;

    protected AttentionMilVertex() {
    }

    protected AttentionMilVertex(int hidden, IUpdater updater, List<Regularization> regularization) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
        setUpdater(Objects.requireNonNull(updater, "updater"));
        setRegularization(regularization);
    }

    /** Whether the scores pass through the sigmoid gate U. */
    protected abstract boolean gated();

    /** A fresh instance of the concrete class, for {@link #clone()}. */
    protected abstract AttentionMilVertex blank();

    @Override
    public List<ParamSpec> paramSpecs() {
        long c = requireChannels();
        List<ParamSpec> p = new ArrayList<>(List.of(ParamSpec.weight("V", hidden, c), ParamSpec.other("bV", hidden)));
        if (gated()) {
            p.addAll(List.of(ParamSpec.weight("U", hidden, c), ParamSpec.other("bU", hidden)));
        }
        p.add(ParamSpec.weight("w", hidden));
        return p;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, paramsView, initializeParams, networkDatatype,
                (AttentionMilVertex) named(name));
    }

    /** The softmax attention over the bag. */
    @Override
    public boolean hasInstanceWeights() {
        return true;
    }

    @Override
    public AttentionMilVertex clone() {
        AttentionMilVertex v = blank();
        copyBaseInto(v);
        copyChannelsInto(v);
        v.hidden = hidden;
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && baseEquals((AttentionMilVertex) o)
                && ((AttentionMilVertex) o).hidden == hidden && ((AttentionMilVertex) o).getChannels() == getChannels();
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), baseHashCode(), hidden, getChannels());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(D=" + hidden + ")";
    }

    public int getHidden() {
        return hidden;
    }

    public void setHidden(int hidden) {
        this.hidden = hidden;
    }

    static final class Impl extends BagVertexImpl<Impl.Forward> {

        static final class Forward implements BagVertexImpl.GroupForward {
            long[] instanceShape;
            INDArray features;
            INDArray tanhPart;
            /** null without the gate */
            INDArray gatePart;
            INDArray weights;
            INDArray output;

            @Override
            public INDArray output() {
                return output;
            }

            INDArray scoreInput() {
                return gatePart == null ? tanhPart : tanhPart.mul(gatePart);
            }
        }

        private final boolean gated;

        Impl(ComputationGraph graph, String name, int idx, INDArray paramsView, boolean init, DataType dataType,
                AttentionMilVertex conf) {
            super(graph, name, idx, paramsView, init, dataType, conf);
            this.gated = conf.gated();
        }

        /** Weights Xavier-uniform as torch.nn.Linear's scale suggests; biases zero. */
        @Override
        protected void initialize(ParamSpec spec, INDArray view) {
            if (spec.role() == ParamSpec.Role.WEIGHT) {
                long[] s = spec.shape();
                double fanIn = s.length == 2 ? s[1] : s[0];
                double fanOut = s.length == 2 ? s[0] : 1;
                ParamInit.xavierUniform(view, fanIn, fanOut);
            } else {
                view.assign(0);
            }
        }

        @Override
        protected Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
            Forward f = new Forward();
            f.instanceShape = instances.shape();
            INDArray h = InstanceFeatures.of(instances);
            f.features = h;
            f.tanhPart = Transforms.tanh(h.mmul(param("V").transpose()).addiRowVector(param("bV")), false);
            if (gated) {
                f.gatePart = Transforms.sigmoid(h.mmul(param("U").transpose()).addiRowVector(param("bU")), false);
            }
            INDArray scores = f.scoreInput().mmul(param("w").reshape(-1, 1)).reshape('c', bags, length);
            f.weights = AttentionPooling.softmax(scores);
            f.output = AttentionPooling.pool(h.reshape('c', bags, length, h.size(1)), f.weights);
            return f;
        }

        @Override
        protected INDArray instanceWeights(Forward f) {
            return f.weights.reshape(-1);
        }

        @Override
        protected INDArray backwardGroup(Forward f, INDArray outputGradient) {
            long n = f.features.size(0);
            long c = f.features.size(1);
            INDArray h3 = f.features.reshape('c', f.weights.size(0), f.weights.size(1), c);
            INDArray[] pooled = AttentionPooling.backward(h3, f.weights, outputGradient);
            INDArray dh = pooled[0].reshape('c', n, c);
            INDArray de = pooled[1].reshape('c', n, 1);
            gradient("w").addi(f.scoreInput().transpose().mmul(de).reshape(-1));
            INDArray dScoreInput = de.mmul(param("w").reshape(1, -1));
            INDArray dTanh = (gated ? dScoreInput.mul(f.gatePart) : dScoreInput)
                    .muli(f.tanhPart.mul(f.tanhPart).rsubi(1));
            gradient("V").addi(dTanh.transpose().mmul(f.features));
            gradient("bV").addi(dTanh.sum(0));
            dh.addi(dTanh.mmul(param("V")));
            if (gated) {
                INDArray dGate = dScoreInput.mul(f.tanhPart).muli(f.gatePart.mul(f.gatePart.rsub(1)));
                gradient("U").addi(dGate.transpose().mmul(f.features));
                gradient("bU").addi(dGate.sum(0));
                dh.addi(dGate.mmul(param("U")));
            }
            return InstanceFeatures.backward(dh, f.instanceShape);
        }
    }
}
