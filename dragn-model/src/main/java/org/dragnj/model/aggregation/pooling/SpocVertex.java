package org.dragnj.model.aggregation.pooling;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamSpec;
import org.dragnj.model.aggregation.ParameterFreeBagVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SPoC (Babenko and Lempitsky 2015): each instance's maps [C, h, w] become a descriptor [C] by a
 * sum over positions weighted with a Gaussian centre prior
 * α(y, x) = exp(−((x + ½ − w/2)² + (y + ½ − h/2)²) / (2σ²)), σ = min(h, w)/6 (pixel centres, so the
 * prior is symmetric); the bag is the mean of its instances' descriptors. The prior is scaled to
 * sum to 1, so the descriptor stays on the scale of the feature maps (like average pooling) and
 * the same learning rates serve every aggregation; a constant factor changes nothing else for the
 * linear head that follows. PCA-whitening and L2 normalisation, optional in the paper, are not applied.
 */
public class SpocVertex extends ParameterFreeBagVertex {

    @Override
    public SpocVertex clone() {
        SpocVertex v = new SpocVertex();
        copyBaseInto(v);
        return v;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType in = super.getOutputType(layerIndex, vertexInputs);
        if (!(in instanceof InputType.InputTypeConvolutional c)) {
            throw new InvalidInputTypeException("SPoC pools feature maps [C, h, w]; got " + in);
        }
        return InputType.feedForward(c.getChannels());
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, this);
    }

    /** The centre prior for h x w maps, normalised to sum 1, row-major [h·w]. */
    public static double[] prior(int h, int w) {
        double sigma = Math.min(h, w) / 6.0;
        double[] a = new double[h * w];
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = y + 0.5 - h / 2.0;
                double dx = x + 0.5 - w / 2.0;
                a[y * w + x] = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                sum += a[y * w + x];
            }
        }
        for (int i = 0; i < a.length; i++) {
            a[i] /= sum;
        }
        return a;
    }

    static final class Impl extends BagVertexImpl<Impl.Forward> {

        record Forward(INDArray output, INDArray prior, long[] instanceShape, int bags, int length)
                implements BagVertexImpl.GroupForward {
        }

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, SpocVertex conf) {
            super(graph, name, idx, null, false, dataType, conf);
        }

        @Override
        protected void initialize(ParamSpec spec, INDArray view) {
        }

        @Override
        protected Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
            if (instances.rank() != 4) {
                throw new IllegalArgumentException("SPoC pools maps [n, C, h, w]; got rank " + instances.rank());
            }
            long n = instances.size(0);
            long c = instances.size(1);
            int h = Math.toIntExact(instances.size(2));
            int w = Math.toIntExact(instances.size(3));
            INDArray prior = Nd4j.create(prior(h, w), new long[] {(long) h * w, 1}, 'c').castTo(instances.dataType());
            INDArray descriptors = contiguous(instances).reshape('c', n * c, (long) h * w).mmul(prior);
            INDArray out = descriptors.reshape('c', bags, length, c).mean(1);
            return new Forward(out, prior, instances.shape(), bags, length);
        }

        @Override
        protected INDArray backwardGroup(Forward f, INDArray outputGradient) {
            long c = f.instanceShape()[1];
            INDArray perInstance = Nd4j.zeros(outputGradient.dataType(), f.bags(), f.length(), c);
            org.nd4j.linalg.factory.Broadcast.add(perInstance, outputGradient.div(f.length()), perInstance, 0, 2);
            INDArray grad = perInstance.reshape('c', (long) f.bags() * f.length() * c, 1).mmul(f.prior().transpose());
            return grad.reshape('c', f.instanceShape());
        }
    }
}
