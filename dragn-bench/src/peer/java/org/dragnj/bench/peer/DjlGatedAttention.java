package org.dragnj.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gated attention MIL pooling as DL4J's GatedAttentionVertex computes it: h_k = spatial mean of
 * instance k's maps, e_k = wᵀ (tanh(V h_k + b_V) ⊙ sigm(U h_k + b_U)), a = softmax over the bag,
 * z = Σ a_k h_k. Input [B·n, C, h, w], output [B, C]. No score bias, as DL4J (softmax ignores it).
 */
final class DjlGatedAttention extends AbstractBlock {

    private final int length;
    private final Linear v;
    private final Linear u;
    private final Linear w;

    DjlGatedAttention(int hidden, int length, String vertex, WeightBindings weights) {
        this.length = length;
        // DL4J's V and U are [hidden, C] and w [hidden]: already Linear's [out, in] layout.
        v = addChildBlock("V", Linear.builder().setUnits(hidden).build());
        u = addChildBlock("U", Linear.builder().setUnits(hidden).build());
        w = addChildBlock("w", Linear.builder().setUnits(1).optBias(false).build());
        weights.vertex(vertex, "V", v, "weight");
        weights.vertex(vertex, "bV", v, "bias");
        weights.vertex(vertex, "U", u, "weight");
        weights.vertex(vertex, "bU", u, "bias");
        weights.vertex(vertex, "w", w, "weight");
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long c = x.getShape().get(1);
        long bags = x.getShape().get(0) / length;
        NDArray h = DjlBagModel.spatialMean(x);
        NDArray tanh = v.forward(ps, new NDList(h), training).singletonOrThrow().tanh();
        NDArray gate = Activation.sigmoid(u.forward(ps, new NDList(h), training).singletonOrThrow());
        NDArray scores = w.forward(ps, new NDList(tanh.mul(gate)), training).singletonOrThrow().reshape(bags, length);
        NDArray a = scores.softmax(1);
        return new NDList(h.reshape(bags, length, c).mul(a.expandDims(2)).sum(new int[] {1}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0) / length, s.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape features = new Shape(1, inputShapes[0].get(1));
        v.initialize(manager, dataType, features);
        u.initialize(manager, dataType, features);
        w.initialize(manager, dataType, new Shape(1, v.getOutputShapes(new Shape[] {features})[0].get(1)));
    }
}
