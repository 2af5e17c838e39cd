package org.dragnj.model.trunk;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime half of {@link InputNormalizationVertex}: y = (x − mean[c]) / std[c], dL/dx = dL/dy / std[c]. */
final class InputNormalizationVertexImpl extends BaseGraphVertex {

    /** NCHW: statistics broadcast along dimension 1. */
    private static final int CHANNELS = 1;

    private final INDArray mean;
    private final INDArray inverseStd;

    InputNormalizationVertexImpl(ComputationGraph graph, String name, int index, double[] mean, double[] std,
            DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.mean = Nd4j.createFromArray(mean).castTo(dataType);
        double[] inverse = new double[std.length];
        for (int c = 0; c < std.length; c++) {
            inverse[c] = 1 / std[c];
        }
        this.inverseStd = Nd4j.createFromArray(inverse).castTo(dataType);
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
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean.castTo(x.dataType()), out, CHANNELS));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(out, inverseStd.castTo(x.dataType()), out, CHANNELS));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                epsilon.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, inverseStd.castTo(epsilon.dataType()), grad, CHANNELS));
        return new Pair<>(null, new INDArray[] {grad});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("input normalisation has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
            int minibatchSize) {
        return maskArrays == null || maskArrays.length == 0 ? null : new Pair<>(maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "InputNormalizationVertex(name=\"" + getVertexName() + "\")";
    }
}
