package org.dragnj.model.testing;

import java.util.List;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dragnj.model.aggregation.BagVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs an aggregation vertex on its own, outside any graph. */
public final class VertexHarness {

    private final GraphVertex vertex;
    private final INDArray params;
    private final INDArray gradients;

    public VertexHarness(BagVertex conf, DataType dt, long seed) {
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

    public INDArray forward(INDArray instances, INDArray bagMask, boolean training) {
        vertex.setInputs(instances, bagMask);
        return vertex.doForward(training, LayerWorkspaceMgr.noWorkspaces());
    }

    /** Backprop of the last training forward: parameter gradients and the instance gradient. */
    public Pair<Gradient, INDArray[]> backward(INDArray outputGradient) {
        vertex.setEpsilon(outputGradient);
        return vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces());
    }
}
