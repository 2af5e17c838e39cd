package org.dragnj.model.aggregation;

import java.util.List;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An aggregation vertex on its own, outside any graph: for aggregating features computed
 * elsewhere, for benchmarks, and for testing a vertex against a reference. It owns its parameter
 * and gradient arrays.
 */
public final class DetachedVertex {

    private final GraphVertex vertex;
    private final INDArray params;
    private final INDArray gradients;

    /** Instantiates {@code conf} with freshly initialised parameters (seeded). */
    public DetachedVertex(BagVertex conf, DataType dt, long seed) {
        this(conf, null, dt, seed);
    }

    /**
     * As above, for instances of the given type: vertices sized by their input (feature channels)
     * learn it here, as they would when a graph is built.
     */
    public DetachedVertex(BagVertex conf, InputType instances, DataType dt, long seed) {
        if (instances != null) {
            conf.getOutputType(-1, instances, InputType.feedForward(1));
        }
        conf.setDataType(dt);
        long n = conf.numParams(true);
        params = n == 0 ? null : Nd4j.create(dt, 1, n);
        gradients = n == 0 ? null : Nd4j.create(dt, 1, n);
        Nd4j.getRandom().setSeed(seed);
        vertex = conf.instantiate(null, "aggregate", 0, params, true, dt);
        vertex.setBackpropGradientsViewArray(gradients);
    }

    public GraphVertex vertex() {
        return vertex;
    }

    public INDArray param(String name) {
        return vertex.paramTable(false).get(name);
    }

    public List<String> paramNames() {
        return List.copyOf(vertex.paramTable(false).keySet());
    }

    /** Aggregates packed instances [sum n, ...] with a bag mask [B, max n] into [B, ...]. */
    public INDArray forward(INDArray instances, INDArray bagMask, boolean training) {
        vertex.setInputs(instances, bagMask);
        return vertex.doForward(training, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Per-instance weights of the last forward pass (attention), or null. */
    public INDArray lastInstanceWeights() {
        return ((BagVertexImpl<?>) vertex).lastInstanceWeights();
    }

    /** Backprop of the last training forward: parameter gradients and the instance gradient. */
    public Pair<Gradient, INDArray[]> backward(INDArray outputGradient) {
        vertex.setEpsilon(outputGradient);
        return vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
    }
}
