package org.dragnj.model.aggregation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Configuration half of a bag aggregation vertex: two inputs, the packed instances
 * [sum of bag lengths, ...] and the bag mask [B, maxLength] (see {@code BagLayout}), one output
 * per bag [B, ...].
 *
 * <p>DL4J only gives layers the network's updater; a vertex with parameters must carry its own,
 * which is why the updater and regularization live here. DL4J serialises this class with Jackson
 * through its getters and setters, so every persistent field needs both, and computed views are
 * {@link JsonIgnore}d.
 */
public abstract class BagVertex extends GraphVertex implements TrainingConfig {

    private IUpdater updater = new NoOp();
    private List<Regularization> regularization = new ArrayList<>();
    @JsonIgnore
    private String layerName;
    @JsonIgnore
    private DataType dataType = DataType.FLOAT;

    @Override
    public abstract BagVertex clone();

    /** The parameters in the order of the flat parameter view. Empty for parameter-free aggregations. */
    @JsonIgnore
    public abstract List<ParamSpec> paramSpecs();

    /**
     * Whether the aggregation weighs each instance with a weight a user can inspect (its runtime
     * vertex reports them, see {@code BagVertexImpl.lastInstanceWeights}).
     */
    public boolean hasInstanceWeights() {
        return false;
    }

    /** Whether the order of a bag's instances changes the output. */
    public boolean dependsOnOrder() {
        return false;
    }

    /**
     * Floating-point operations of aggregating one bag of {@code n} instances of shape {@code instance}
     * ([C, h, w]) in the forward pass, counted analytically; empty where the aggregation has no count.
     * Conventions: a multiply or an add is one FLOP (a multiply-accumulate two); a 3×3 tap on zero
     * padding counts like any other; biases, ReLU and the like are not counted.
     */
    public OptionalDouble forwardFlops(int n, long[] instance) {
        return OptionalDouble.empty();
    }

    /**
     * Forward and backward FLOPs, as {@link #forwardFlops}; a convolution's backward pass counts twice
     * its forward (gradients of input and weights), recomputation during backprop is not counted.
     */
    public OptionalDouble forwardBackwardFlops(int n, long[] instance) {
        return OptionalDouble.empty();
    }

    /** C·h·w of an instance shape [C, h, w]. */
    protected static double elements(long[] instance) {
        double e = 1;
        for (long d : instance) {
            e *= d;
        }
        return e;
    }

    @Override
    public long numParams(boolean backprop) {
        return paramSpecs().stream().mapToLong(ParamSpec::length).sum();
    }

    /** Parameters the optimizer updates (running statistics excluded). */
    public long numTrainableParams() {
        return paramSpecs().stream().filter(ParamSpec::trainable).mapToLong(ParamSpec::length).sum();
    }

    protected ParamSpec paramSpec(String name) {
        return paramSpecs().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name + " in " + paramSpecs()));
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    /** By default the output of a bag has the type of one instance. */
    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2) {
            throw new InvalidInputTypeException(getClass().getSimpleName()
                    + " takes two inputs (instances, bag mask), got " + vertexInputs.length);
        }
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(layerName, getClass(), inputTypes[0], out)
                .standardMemory(numParams(true), numParams(true)).workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0).build();
    }

    /**
     * This configuration, now knowing the name of its vertex (DL4J's updater looks layers up by it).
     * The runtime vertex shares this object with the graph's configuration on purpose: a learning-rate
     * change made on the running vertex is then also what a saved configuration holds.
     */
    protected BagVertex named(String name) {
        this.layerName = name;
        return this;
    }

    protected void copyBaseInto(BagVertex other) {
        other.updater = updater == null ? null : updater.clone();
        other.regularization = regularization == null ? null : new ArrayList<>(regularization);
        other.layerName = layerName;
        other.dataType = dataType;
    }

    protected boolean baseEquals(BagVertex o) {
        return Objects.equals(updater, o.updater) && Objects.equals(regularization, o.regularization);
    }

    protected int baseHashCode() {
        return Objects.hash(updater, regularization);
    }

    // ---- TrainingConfig -------------------------------------------------------------------------

    @Override
    @JsonIgnore
    public String getLayerName() {
        return layerName;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return paramSpec(paramName).role() == ParamSpec.Role.WEIGHT && regularization != null
                ? regularization : Collections.emptyList();
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return paramSpec(paramName).trainable() ? updater : new NoOp();
    }

    @Override
    @JsonIgnore
    public GradientNormalization getGradientNormalization() {
        return GradientNormalization.None;
    }

    @Override
    @JsonIgnore
    public double getGradientNormalizationThreshold() {
        return 0;
    }

    @Override
    public void setDataType(DataType dataType) {
        this.dataType = dataType;
    }

    @JsonIgnore
    public DataType getDataType() {
        return dataType;
    }

    // ---- persistent properties ------------------------------------------------------------------

    public IUpdater getUpdater() {
        return updater;
    }

    public void setUpdater(IUpdater updater) {
        this.updater = updater;
    }

    public List<Regularization> getRegularization() {
        return regularization;
    }

    public void setRegularization(List<Regularization> regularization) {
        this.regularization = regularization;
    }
}
