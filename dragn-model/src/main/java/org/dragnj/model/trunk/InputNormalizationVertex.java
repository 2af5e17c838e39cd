package org.dragnj.model.trunk;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Configuration of a parameter-free vertex computing (x − mean[c]) / std[c] over channel c of NCHW
 * images; see {@link InputNormalization}. Saved in the graph configuration with its statistics.
 */
public final class InputNormalizationVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] std;

    public InputNormalizationVertex(@JsonProperty("mean") double[] mean, @JsonProperty("std") double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("one mean and one std per channel, got " + mean.length + " and "
                    + std.length);
        }
        if (Arrays.stream(std).anyMatch(s -> !(s > 0))) {
            throw new IllegalArgumentException("standard deviations must be positive, got " + Arrays.toString(std));
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public double[] getMean() {
        return mean.clone();
    }

    public double[] getStd() {
        return std.clone();
    }

    @Override
    public InputNormalizationVertex clone() {
        return new InputNormalizationVertex(mean, std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalizationVertex v && Arrays.equals(mean, v.mean) && Arrays.equals(std, v.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new InputNormalizationVertexImpl(graph, name, idx, mean, std, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional image)) {
            throw new InvalidInputTypeException("input normalisation takes one image input [N, C, H, W], got "
                    + Arrays.toString(vertexInputs));
        }
        if (image.getChannels() != mean.length) {
            throw new InvalidInputTypeException("input normalisation has statistics for " + mean.length
                    + " channels, the images have " + image.getChannels());
        }
        return image;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, InputNormalizationVertex.class, inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "InputNormalizationVertex(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
