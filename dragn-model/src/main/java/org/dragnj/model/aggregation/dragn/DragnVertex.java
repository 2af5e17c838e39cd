package org.dragnj.model.aggregation.dragn;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.dragnj.model.aggregation.BagVertex;
import org.dragnj.model.aggregation.ParamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Configuration of the DRAGN aggregation vertex: the recursive process of Algorithm 1 over the
 * instances of each bag with one shared {@link UnitArchitecture aggregation unit}.
 *
 * <p>Inputs: instance feature maps (post-aggregation) or images (pre-aggregation), packed
 * [sum of bag lengths, C, h, w], and the bag mask [B, maxLength]. Output: [B, C, h, w].
 */
public class DragnVertex extends BagVertex {

    /** Running-statistics decay of the unit's BatchNorm: PyTorch's momentum 0.1. */
    public static final double DEFAULT_BN_DECAY = 0.9;

    private UnitDepth depth = UnitDepth.L1;
    private boolean batchNorm;
    private double batchNormDecay = DEFAULT_BN_DECAY;
    private UnitInit init = UnitInit.WINDOW_MEAN;

    /** For Jackson. */
    public DragnVertex() {
    }

    public DragnVertex(UnitArchitecture unit, UnitInit init, IUpdater updater, List<Regularization> regularization) {
        this.depth = unit.depth();
        this.batchNorm = unit.batchNorm();
        this.init = Objects.requireNonNull(init, "init");
        setUpdater(Objects.requireNonNull(updater, "updater"));
        setRegularization(regularization);
    }

    @JsonIgnore
    public UnitArchitecture getUnit() {
        return new UnitArchitecture(depth, batchNorm);
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return getUnit().params();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType out = super.getOutputType(layerIndex, vertexInputs);
        if (out.getType() != InputType.Type.CNN) {
            throw new InvalidInputTypeException("the DRAGN vertex aggregates convolutional maps [C, h, w]; got "
                    + out + ". Connect it to a trunk's feature maps (post) or to the images (pre).");
        }
        return out;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new DragnVertexImpl(graph, name, idx, paramsView, initializeParams, networkDatatype,
                (DragnVertex) named(name));
    }

    /** Its windows see three consecutive instances: a bag in another order is aggregated differently. */
    @Override
    public boolean dependsOnOrder() {
        return true;
    }

    /**
     * One unit application convolves the C maps with the unit ({@link UnitArchitecture#macsPerPixel()}
     * multiply-accumulates per pixel and channel); an even bag ends with the mean of two maps, 2 FLOPs
     * per element forward and 2 backward.
     */
    @Override
    public OptionalDouble forwardFlops(int n, long[] instance) {
        return OptionalDouble.of(convolutionFlops(n, instance) + meanFlops(n, instance));
    }

    @Override
    public OptionalDouble forwardBackwardFlops(int n, long[] instance) {
        return OptionalDouble.of(3 * convolutionFlops(n, instance) + 2 * meanFlops(n, instance));
    }

    private double convolutionFlops(int n, long[] instance) {
        return 2.0 * Recursion.unitApplications(n) * getUnit().macsPerPixel() * elements(instance);
    }

    private static double meanFlops(int n, long[] instance) {
        return Recursion.endsWithMean(n) ? 2 * elements(instance) : 0;
    }

    @Override
    public DragnVertex clone() {
        DragnVertex c = new DragnVertex();
        copyBaseInto(c);
        c.depth = depth;
        c.batchNorm = batchNorm;
        c.batchNormDecay = batchNormDecay;
        c.init = init;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DragnVertex v && baseEquals(v) && v.depth == depth && v.batchNorm == batchNorm
                && v.batchNormDecay == batchNormDecay && v.init == init;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseHashCode(), depth, batchNorm, batchNormDecay, init);
    }

    @Override
    public String toString() {
        return "DragnVertex(" + depth + (batchNorm ? "+BN" : "") + ")";
    }

    public UnitInit getInit() {
        return init;
    }

    public void setInit(UnitInit init) {
        this.init = init;
    }

    public UnitDepth getDepth() {
        return depth;
    }

    public void setDepth(UnitDepth depth) {
        this.depth = depth;
    }

    public boolean isBatchNorm() {
        return batchNorm;
    }

    public void setBatchNorm(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    public double getBatchNormDecay() {
        return batchNormDecay;
    }

    public void setBatchNormDecay(double batchNormDecay) {
        this.batchNormDecay = batchNormDecay;
    }
}
