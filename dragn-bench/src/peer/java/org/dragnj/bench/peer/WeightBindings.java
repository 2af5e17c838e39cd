package org.dragnj.bench.peer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * Which DL4J parameter each DJL parameter takes, recorded while the DJL blocks are built and applied
 * once both models are initialised, so the peer starts from DL4J's exact weights. Every layout
 * difference lives here: DL4J's dense W is [in, out] where DJL's Linear is [out, in], DL4J keeps
 * vectors as [1, C], and its BatchNorm stores log10 of the standard deviation.
 */
final class WeightBindings {

    private record Binding(String vertex, String key, Block block, String djlName, Conversion conversion) {
    }

    /** DL4J array → the values DJL's parameter holds ('c' order); the graph is passed for the layer config. */
    private interface Conversion {
        INDArray apply(ComputationGraph graph, String vertex, INDArray dl4j);
    }

    private final List<Binding> bindings = new ArrayList<>();

    /** A convolution layer of the graph: W [out, in, kh, kw] as DJL's weight, b if DJL has a bias. */
    Conv2d conv(String layer, Conv2d conv, boolean bias) {
        add(layer, "W", conv, "weight", same());
        if (bias) {
            add(layer, "b", conv, "bias", same());
        }
        return conv;
    }

    /** A BatchNormalization layer of the graph: γ, β, running mean and variance. */
    BatchNorm batchNorm(String layer, BatchNorm norm) {
        add(layer, BatchNormalizationParamInitializer.GAMMA, norm, "gamma", same());
        add(layer, BatchNormalizationParamInitializer.BETA, norm, "beta", same());
        add(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, norm, "runningMean", same());
        add(layer, null, norm, "runningVar", WeightBindings::variance);
        return norm;
    }

    /** A dense or output layer of the graph: W [in, out] transposed. */
    Linear dense(String layer, Linear linear) {
        add(layer, "W", linear, "weight", (g, v, a) -> a.transpose());
        add(layer, "b", linear, "bias", same());
        return linear;
    }

    /** One parameter of a custom vertex (its paramTable key), already in DJL's layout. */
    <B extends Block> B vertex(String vertex, String key, B block, String djlName) {
        add(vertex, key, block, djlName, same());
        return block;
    }

    private void add(String vertex, String key, Block block, String djlName, Conversion conversion) {
        bindings.add(new Binding(vertex, key, block, djlName, conversion));
    }

    /**
     * Copies every bound parameter from the graph into the initialised DJL blocks, and requires that
     * every DJL parameter was bound and every value fits: a model that diverges in one layer would
     * otherwise pass as the same model with one layer left at DJL's random initialisation.
     */
    void copy(ComputationGraph graph, Block root) {
        long total = 0;
        for (Binding b : bindings) {
            GraphVertex v = graph.getVertex(b.vertex());
            if (v == null) {
                throw new IllegalStateException("the DL4J graph has no vertex " + b.vertex());
            }
            INDArray source = b.key() == null ? null : v.paramTable(false).get(b.key());
            if (b.key() != null && source == null) {
                throw new IllegalStateException("DL4J vertex " + b.vertex() + " has no parameter " + b.key() + "; it has "
                        + v.paramTable(false).keySet());
            }
            Parameter target = b.block().getParameters().get(b.djlName());
            if (target == null) {
                throw new IllegalStateException("DJL block " + b.block() + " has no parameter " + b.djlName());
            }
            INDArray values = b.conversion().apply(graph, b.vertex(), source).castTo(DataType.FLOAT).dup('c');
            NDArray array = target.getArray();
            if (values.length() != array.size()) {
                throw new IllegalStateException(b.vertex() + "." + b.key() + " has shape " + Arrays.toString(values.shape())
                        + ", DJL's " + b.djlName() + " " + array.getShape());
            }
            array.set(values.data().asFloat());
            total += array.size();
        }
        long djl = root.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        if (djl != total) {
            throw new IllegalStateException("bound " + total + " DJL parameter values of " + djl
                    + ": a DJL block has parameters with no DL4J counterpart");
        }
    }

    private static Conversion same() {
        return (g, v, a) -> a;
    }

    /** DL4J keeps log10 σ by default (σ² the running variance) or the variance itself. */
    private static INDArray variance(ComputationGraph graph, String layer, INDArray ignored) {
        var l = graph.getLayer(layer);
        if (((BatchNormalization) l.conf().getLayer()).isUseLogStd()) {
            INDArray log10 = l.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray std = Transforms.pow(Nd4j.valueArrayOf(log10.shape(), 10.0, log10.dataType()), log10, false);
            return std.mul(std);
        }
        return l.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
    }
}
