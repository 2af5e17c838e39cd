package org.dragnj.model.aggregation.pooling;

import java.util.OptionalDouble;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamSpec;
import org.dragnj.model.aggregation.ParameterFreeBagVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MVCNN view pooling: a bag is the element-wise maximum of its instances. The gradient goes to
 * the instance that held the maximum (the first one on ties, as torch.max does).
 */
public class MaxVertex extends ParameterFreeBagVertex {

    /** n − 1 comparisons per element forward, one select per instance element backward. */
    @Override
    public OptionalDouble forwardFlops(int n, long[] instance) {
        return OptionalDouble.of((n - 1) * elements(instance));
    }

    @Override
    public OptionalDouble forwardBackwardFlops(int n, long[] instance) {
        return OptionalDouble.of((2 * n - 1) * elements(instance));
    }

    @Override
    public MaxVertex clone() {
        MaxVertex v = new MaxVertex();
        copyBaseInto(v);
        return v;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, this);
    }

    static final class Impl extends BagVertexImpl<Impl.Forward> {

        record Forward(INDArray output, int[] argmax, long[] instanceShape, int bags, int length)
                implements BagVertexImpl.GroupForward {
        }

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, MaxVertex conf) {
            super(graph, name, idx, null, false, dataType, conf);
        }

        @Override
        protected void initialize(ParamSpec spec, INDArray view) {
        }

        @Override
        protected Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
            int per = Math.toIntExact(instances.length() / instances.size(0));
            double[] x = contiguous(instances).data().asDouble();
            double[] max = new double[bags * per];
            int[] arg = new int[bags * per];
            for (int b = 0; b < bags; b++) {
                for (int e = 0; e < per; e++) {
                    int best = 0;
                    double v = x[(b * length) * per + e];
                    for (int l = 1; l < length; l++) {
                        double c = x[(b * length + l) * per + e];
                        if (c > v) {
                            v = c;
                            best = l;
                        }
                    }
                    max[b * per + e] = v;
                    arg[b * per + e] = best;
                }
            }
            INDArray out = Nd4j.create(max, withLeading(instances.shape(), bags), 'c').castTo(instances.dataType());
            return new Forward(out, arg, instances.shape(), bags, length);
        }

        @Override
        protected INDArray backwardGroup(Forward f, INDArray outputGradient) {
            int per = Math.toIntExact(outputGradient.length() / outputGradient.size(0));
            double[] d = contiguous(outputGradient).data().asDouble();
            double[] grad = new double[f.bags() * f.length() * per];
            for (int b = 0; b < f.bags(); b++) {
                for (int e = 0; e < per; e++) {
                    grad[(b * f.length() + f.argmax()[b * per + e]) * per + e] = d[b * per + e];
                }
            }
            return Nd4j.create(grad, f.instanceShape(), 'c').castTo(outputGradient.dataType());
        }
    }
}
