package org.dragnj.model.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dragnj.bags.BagLayout;
import org.dragnj.bags.Rows;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runtime half of a bag aggregation vertex. It reads the bag layout from the mask input, splits a
 * minibatch into groups of equal bag length (one group when all bags have the same length), and
 * lets the subclass aggregate each group as one batched operation.
 *
 * <p>All work happens outside DL4J's workspaces: the per-group state kept for backprop then
 * cannot be invalidated by a workspace reset between the forward and the backward pass. Only the
 * returned activations and input gradients are placed in the workspaces DL4J asks for (the input
 * gradient is written there directly, see {@link #backwardGroupInto}).
 *
 * @param <S> what the subclass keeps from the forward pass of one group for its backward pass
 */
public abstract class BagVertexImpl<S extends BagVertexImpl.GroupForward> extends BaseGraphVertex {

    /** What a group's forward pass produced; subclasses add what their backward pass needs. */
    public interface GroupForward {
        /** The aggregated output [bags of the group, ...]. */
        INDArray output();
    }

    private final BagVertex conf;
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final Map<String, INDArray> gradients = new LinkedHashMap<>();
    private INDArray paramsView;
    private INDArray gradientsView;

    private BagLayout layout;
    private Map<Integer, int[]> groupBags;
    private final List<S> groupStates = new ArrayList<>();
    private INDArray lastInstanceWeights;
    private boolean keepInferenceState;

    protected BagVertexImpl(ComputationGraph graph, String name, int vertexIndex, INDArray paramsView,
            boolean initializeParams, DataType dataType, BagVertex conf) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.conf = conf;
        this.paramsView = paramsView;
        long expected = conf.numParams(true);
        long got = paramsView == null ? 0 : paramsView.length();
        if (got != expected) {
            throw new IllegalStateException("vertex " + name + " expects " + expected + " parameters, got a view of " + got);
        }
        if (expected > 0) {
            splitIntoViews(paramsView, params);
            if (initializeParams) {
                for (ParamSpec p : conf.paramSpecs()) {
                    initialize(p, params.get(p.name()));
                }
            }
        }
    }

    /** Fills a freshly allocated parameter; called once per parameter at network initialisation. */
    protected abstract void initialize(ParamSpec spec, INDArray view);

    /** Aggregates {@code bags} bags of {@code length} instances each, packed as [bags * length, ...]. */
    protected abstract S forwardGroup(INDArray instances, int bags, int length, boolean training);

    /**
     * Backprop through one group: returns the gradient of the group's instances [bags * length, ...]
     * and adds parameter gradients into {@link #gradient(String)}.
     */
    protected abstract INDArray backwardGroup(S state, INDArray outputGradient);

    /**
     * {@link #backwardGroup} written into {@code target}, a 'c'-ordered [bags * length, ...] array in
     * DL4J's gradient workspace that the graph reads afterwards. Override it to skip the intermediate
     * array (and its native allocation every step) where the gradient can be computed in place.
     */
    protected void backwardGroupInto(S state, INDArray outputGradient, INDArray target) {
        target.assign(backwardGroup(state, outputGradient));
    }

    /**
     * Per-instance weights of a group's forward pass [bags·length] (attention), or null when the
     * aggregation has none. Collected in the minibatch's instance order by {@link #lastInstanceWeights()}.
     */
    protected INDArray instanceWeights(S state) {
        return null;
    }

    /** The per-instance weights of the last forward pass [sum of bag lengths], or null. */
    public INDArray lastInstanceWeights() {
        return lastInstanceWeights;
    }

    /**
     * Keep what an inference forward pass computed, so that backprop can follow it: gradients of the
     * model as it predicts (BatchNorm on running statistics), for attributing a score to instances.
     * Off in models that train or predict, which would otherwise hold every batch's state.
     */
    public void keepInferenceState(boolean keep) {
        this.keepInferenceState = keep;
    }

    protected boolean keepsInferenceState() {
        return keepInferenceState;
    }

    /** Called once before the groups of a forward pass. */
    protected void beginForward(boolean training) {
    }

    /** Called once after the groups of a backward pass, with the parameter gradients filled in. */
    protected void endBackward() {
    }

    protected INDArray param(String name) {
        return params.get(name);
    }

    protected INDArray gradient(String name) {
        return gradients.get(name);
    }

    public BagVertex conf() {
        return conf;
    }

    // ---- forward / backward ---------------------------------------------------------------------

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("vertex " + vertexName + ": inputs (instances, bag mask) not set");
        }
        INDArray instances = inputs[0];
        layout = BagLayout.fromMask(inputs[1]);
        layout.requireInstances(instances.size(0));
        groupStates.clear();
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            beginForward(training);
            lastInstanceWeights = null;
            if (layout.isUniform()) {
                groupBags = Map.of(layout.length(0), allBags(layout.bags()));
                S s = forwardGroup(instances, layout.bags(), layout.length(0), training);
                groupStates.add(s);
                out = s.output();
                lastInstanceWeights = instanceWeights(s);
            } else {
                groupBags = layout.bagsByLength();
                int[] offsets = layout.offsets();
                out = null;
                for (Map.Entry<Integer, int[]> g : groupBags.entrySet()) {
                    int len = g.getKey();
                    int[] bags = g.getValue();
                    INDArray grouped = Nd4j.create(instances.dataType(),
                            withLeading(instances.shape(), (long) bags.length * len));
                    for (int i = 0; i < bags.length; i++) {
                        grouped.get(Rows.of((long) i * len, len, grouped.rank()))
                                .assign(instances.get(Rows.of(offsets[bags[i]], len, instances.rank())));
                    }
                    S s = forwardGroup(grouped, bags.length, len, training);
                    groupStates.add(s);
                    INDArray groupOut = s.output();
                    INDArray weights = instanceWeights(s);
                    if (weights != null) {
                        if (lastInstanceWeights == null) {
                            lastInstanceWeights = Nd4j.create(weights.dataType(), layout.totalInstances());
                        }
                        for (int i = 0; i < bags.length; i++) {
                            lastInstanceWeights.get(NDArrayIndex.interval(offsets[bags[i]], offsets[bags[i]] + len))
                                    .assign(weights.get(NDArrayIndex.interval((long) i * len, (long) (i + 1) * len)));
                        }
                    }
                    if (out == null) {
                        out = Nd4j.create(groupOut.dataType(), withLeading(groupOut.shape(), layout.bags()));
                    }
                    for (int i = 0; i < bags.length; i++) {
                        out.get(Rows.of(bags[i], 1, out.rank())).assign(groupOut.get(Rows.of(i, 1, out.rank())));
                    }
                }
            }
        }
        if (!training && !keepInferenceState) {
            groupStates.clear();
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (groupStates.isEmpty()) {
            throw new IllegalStateException("vertex " + vertexName + ": backprop without a training forward pass");
        }
        INDArray instances = inputs[0];
        // where DL4J wants the input gradient; every row is written below, so it needs no zeroing
        INDArray instanceGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                instances.shape(), 'c');
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            gradients.values().forEach(g -> g.assign(0));
            if (layout.isUniform()) {
                backwardGroupInto(groupStates.get(0), epsilon, instanceGradient);
            } else {
                int[] offsets = layout.offsets();
                int gi = 0;
                for (Map.Entry<Integer, int[]> g : groupBags.entrySet()) {
                    int len = g.getKey();
                    int[] bags = g.getValue();
                    INDArray groupEps = Nd4j.create(epsilon.dataType(), withLeading(epsilon.shape(), bags.length));
                    for (int i = 0; i < bags.length; i++) {
                        groupEps.get(Rows.of(i, 1, groupEps.rank())).assign(epsilon.get(Rows.of(bags[i], 1, epsilon.rank())));
                    }
                    INDArray groupGrad = backwardGroup(groupStates.get(gi++), groupEps);
                    for (int i = 0; i < bags.length; i++) {
                        instanceGradient.get(Rows.of(offsets[bags[i]], len, instanceGradient.rank()))
                                .assign(groupGrad.get(Rows.of((long) i * len, len, groupGrad.rank())));
                    }
                }
            }
            endBackward();
        }
        Gradient g = new DefaultGradient(gradientsView);
        for (Map.Entry<String, INDArray> e : gradients.entrySet()) {
            g.setGradientFor(e.getKey(), e.getValue());
        }
        INDArray maskGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[1].dataType(), inputs[1].shape());
        maskGradient.assign(0);
        return new Pair<>(g, new INDArray[] {instanceGradient, maskGradient});
    }

    private static int[] allBags(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** A 'c'-ordered array with the values of {@code a}, without copying when {@code a} already is one. */
    protected static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    /** {@code shape} with its first dimension replaced. */
    protected static long[] withLeading(long[] shape, long leading) {
        long[] s = shape.clone();
        s[0] = leading;
        return s;
    }

    private void splitIntoViews(INDArray flat, Map<String, INDArray> target) {
        target.clear();
        INDArray row = flat.reshape(flat.length());
        long offset = 0;
        for (ParamSpec p : conf.paramSpecs()) {
            long len = p.length();
            target.put(p.name(), row.get(NDArrayIndex.interval(offset, offset + len)).reshape('c', p.shape()));
            offset += len;
        }
    }

    // ---- DL4J plumbing --------------------------------------------------------------------------

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        this.gradientsView = backpropGradientsViewArray;
        if (backpropGradientsViewArray != null) {
            splitIntoViews(backpropGradientsViewArray, gradients);
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        // The bag mask is consumed here; downstream layers see one unmasked row per bag.
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clear() {
        super.clear();
        groupStates.clear();
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        if (!backpropOnly) {
            return Collections.unmodifiableMap(params);
        }
        Map<String, INDArray> trainable = new LinkedHashMap<>();
        for (ParamSpec p : conf.paramSpecs()) {
            if (p.trainable()) {
                trainable.put(p.name(), params.get(p.name()));
            }
        }
        return trainable;
    }

    @Override
    public TrainingConfig getConfig() {
        return conf;
    }

    @Override
    public INDArray params() {
        return paramsView;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientsView;
    }

    @Override
    public long numParams() {
        return conf.numParams(true);
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        // Running statistics carry a replacement delta, not a gradient summed over the minibatch.
        return conf.paramSpec(paramName).trainable();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + vertexName + ", " + conf.numParams(true) + " params)";
    }
}
