package org.dragnj.model.aggregation.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamSpec;
import org.dragnj.model.aggregation.VectorBagVertex;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Neural aggregation network (Yang et al. 2017) over instance feature vectors f_k (globally
 * pooled maps): block 0 scores e_k = q0·f_k with a learned query q0, weighs a = softmax(e) and
 * returns r0 = Σ a_k f_k. The cascaded form adds block 1 with the query q1 = tanh(W r0 + b).
 * Both queries start at zero (q0 = 0, W = 0, b = 0), so both blocks start as the mean of the bag
 * and attention grows from there; the weights of the last block are exposed per instance.
 *
 * <p>W is stored as the parameter {@code W1} = √C·W (an equalised learning rate, Karras et al. 2018):
 * the same function, but Adam's steps, which are about lr per entry whatever the gradient's scale,
 * move W r0 by lr·‖r0‖₁/√C rather than lr·‖r0‖₁. Stored plainly, every entry of a row of W moved
 * the same way at once (r0 of ReLU embeddings is non-negative), a 500-wide r0 moved W r0 by about 0.25
 * per step, q1 saturated within a few steps into a fixed ±1 vector, and one key-instance seed of five
 * never learned (training loss stuck near 0.4, test AUC 0.51).
 */
public class NanVertex extends VectorBagVertex {

    private int blocks = 1;

    /** For Jackson. */
    public NanVertex() {
    }

    public NanVertex(int blocks, IUpdater updater, List<Regularization> regularization) {
        if (blocks != 1 && blocks != 2) {
            throw new IllegalArgumentException("NAN has one or two attention blocks, not " + blocks);
        }
        this.blocks = blocks;
        setUpdater(Objects.requireNonNull(updater, "updater"));
        setRegularization(regularization);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        long c = requireChannels();
        List<ParamSpec> p = new ArrayList<>();
        p.add(ParamSpec.weight("q0", c));
        if (blocks == 2) {
            p.add(ParamSpec.weight("W1", c, c));
            p.add(ParamSpec.other("b1", c));
        }
        return p;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, paramsView, initializeParams, networkDatatype, (NanVertex) named(name));
    }

    /** The softmax attention over the bag. */
    @Override
    public boolean hasInstanceWeights() {
        return true;
    }

    /**
     * One block: global average pooling (n·C·h·w), scores and weighted sum (2·n·C each) and the softmax
     * (3n) forward; backward the spread of the pooled gradient (n·C·h·w) plus twice the vector work.
     * The cascade is not counted.
     */
    @Override
    public OptionalDouble forwardFlops(int n, long[] instance) {
        return blocks == 1 ? OptionalDouble.of(n * elements(instance) + vectorFlops(n, instance))
                : OptionalDouble.empty();
    }

    @Override
    public OptionalDouble forwardBackwardFlops(int n, long[] instance) {
        return blocks == 1 ? OptionalDouble.of(2 * n * elements(instance) + 3 * vectorFlops(n, instance))
                : OptionalDouble.empty();
    }

    private static double vectorFlops(int n, long[] instance) {
        return 4.0 * n * instance[0] + 3.0 * n;
    }

    @Override
    public NanVertex clone() {
        NanVertex v = new NanVertex();
        copyBaseInto(v);
        copyChannelsInto(v);
        v.blocks = blocks;
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NanVertex v && baseEquals(v) && v.blocks == blocks && v.getChannels() == getChannels();
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHashCode(), blocks, getChannels());
    }

    @Override
    public String toString() {
        return "NanVertex(" + blocks + (blocks == 1 ? " block)" : " blocks)");
    }

    public int getBlocks() {
        return blocks;
    }

    public void setBlocks(int blocks) {
        this.blocks = blocks;
    }

    static final class Impl extends BagVertexImpl<Impl.Forward> {

        /** Per block: its query [b, C] (block 1) and weights [b, L]; r0 for block 1's backward. */
        static final class Forward implements BagVertexImpl.GroupForward {
            long[] instanceShape;
            INDArray features;
            INDArray weights0;
            INDArray r0;
            INDArray query1;
            INDArray weights1;
            INDArray output;

            @Override
            public INDArray output() {
                return output;
            }
        }

        private final int blocks;

        Impl(ComputationGraph graph, String name, int idx, INDArray paramsView, boolean init, DataType dataType,
                NanVertex conf) {
            super(graph, name, idx, paramsView, init, dataType, conf);
            this.blocks = conf.getBlocks();
        }

        /**
         * Everything 0: uniform attention in both blocks at first. A random W1 (Xavier, as before) made
         * q1 = tanh(W1·r0) a random ±0.8 vector whose dot products with 500-wide embeddings reach tens,
         * so block 1 started as a near one-hot choice of a random instance; on the key-instance digits
         * one seed of five never left chance (test AUC 0.56).
         */
        @Override
        protected void initialize(ParamSpec spec, INDArray view) {
            view.assign(0);
        }

        @Override
        protected Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
            Forward f = new Forward();
            f.instanceShape = instances.shape();
            INDArray flat = InstanceFeatures.of(instances);
            long c = flat.size(1);
            f.features = flat.reshape('c', bags, length, c);
            INDArray scores0 = flat.mmul(param("q0").reshape(c, 1)).reshape('c', bags, length);
            f.weights0 = AttentionPooling.softmax(scores0);
            f.r0 = AttentionPooling.pool(f.features, f.weights0);
            f.output = f.r0;
            if (blocks == 2) {
                f.query1 = Transforms.tanh(f.r0.mmul(param("W1").transpose()).muli(w1Scale(c)).addiRowVector(param("b1")),
                        false);
                INDArray scores1 = Broadcast.mul(f.features, f.query1, f.features.ulike(), 0, 2).sum(2);
                f.weights1 = AttentionPooling.softmax(scores1);
                f.output = AttentionPooling.pool(f.features, f.weights1);
            }
            return f;
        }

        /** W = W1 / √C: see the class comment. */
        static double w1Scale(long channels) {
            return 1.0 / Math.sqrt(channels);
        }

        @Override
        protected INDArray instanceWeights(Forward f) {
            return (blocks == 2 ? f.weights1 : f.weights0).reshape(-1);
        }

        @Override
        protected INDArray backwardGroup(Forward f, INDArray outputGradient) {
            long bags = f.features.size(0);
            long length = f.features.size(1);
            long c = f.features.size(2);
            INDArray df = Nd4j.zeros(f.features.dataType(), f.features.shape());
            INDArray dr0 = outputGradient;
            if (blocks == 2) {
                INDArray[] block1 = AttentionPooling.backward(f.features, f.weights1, outputGradient);
                df.addi(block1[0]);
                INDArray de1 = block1[1];
                INDArray queryPart = Nd4j.zeros(df.dataType(), df.shape());
                Broadcast.add(queryPart, f.query1, queryPart, 0, 2);
                df.addi(Broadcast.mul(queryPart, de1, queryPart, 0, 1));
                INDArray dq1 = Broadcast.mul(f.features, de1, f.features.ulike(), 0, 1).sum(1);
                INDArray dz = dq1.muli(f.query1.mul(f.query1).rsubi(1));
                gradient("W1").addi(dz.transpose().mmul(f.r0).muli(w1Scale(c)));
                gradient("b1").addi(dz.sum(0));
                dr0 = dz.mmul(param("W1")).muli(w1Scale(c));
            }
            INDArray[] block0 = AttentionPooling.backward(f.features, f.weights0, dr0);
            df.addi(block0[0]);
            INDArray de0 = block0[1].reshape('c', bags * length, 1);
            INDArray flatDf = df.reshape('c', bags * length, c);
            flatDf.addi(de0.mmul(param("q0").reshape(1, c)));
            gradient("q0").addi(de0.transpose().mmul(f.features.reshape('c', bags * length, c)).reshape(c));
            return InstanceFeatures.backward(flatDf, f.instanceShape);
        }
    }
}
