package org.dragnj.model.aggregation.pooling;

import java.util.OptionalDouble;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParameterFreeBagVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** MI_mean: a bag is the mean of its instances (maps or vectors), [sum n, ...] → [B, ...]. */
public class MeanVertex extends ParameterFreeBagVertex {

    /** n adds or scales per element forward, one scale per instance element backward. */
    @Override
    public OptionalDouble forwardFlops(int n, long[] instance) {
        return OptionalDouble.of(n * elements(instance));
    }

    @Override
    public OptionalDouble forwardBackwardFlops(int n, long[] instance) {
        return OptionalDouble.of(2 * n * elements(instance));
    }

    @Override
    public MeanVertex clone() {
        MeanVertex v = new MeanVertex();
        copyBaseInto(v);
        return v;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, this);
    }

    static final class Impl extends BagVertexImpl<Impl.Forward> {

        record Forward(INDArray output, long[] instanceShape, int bags, int length)
                implements BagVertexImpl.GroupForward {
        }

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, MeanVertex conf) {
            super(graph, name, idx, null, false, dataType, conf);
        }

        @Override
        protected void initialize(org.dragnj.model.aggregation.ParamSpec spec, INDArray view) {
        }

        @Override
        protected Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
            long per = instances.length() / instances.size(0);
            INDArray out = contiguous(instances).reshape('c', bags, length, per).mean(1);
            return new Forward(out.reshape('c', withLeading(instances.shape(), bags)), instances.shape(), bags, length);
        }

        @Override
        protected INDArray backwardGroup(Forward f, INDArray outputGradient) {
            INDArray grad = Nd4j.createUninitialized(outputGradient.dataType(), f.instanceShape(), 'c');
            backwardGroupInto(f, outputGradient, grad);
            return grad;
        }

        /** Every instance of a bag gets the bag's gradient / n (copied, where it was added to zeros before). */
        @Override
        protected void backwardGroupInto(Forward f, INDArray outputGradient, INDArray target) {
            long per = outputGradient.length() / outputGradient.size(0);
            INDArray perInstance = contiguous(outputGradient).reshape('c', f.bags(), per).div(f.length());
            INDArray grad = target.reshape('c', f.bags(), f.length(), per);
            Broadcast.copy(grad, perInstance, grad, 0, 2);
        }
    }
}
