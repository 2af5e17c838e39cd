package org.dragnj.model.aggregation.dragn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link DragnVertex}: Algorithm 1 per group of equal-length bags. */
public class DragnVertexImpl extends BagVertexImpl<RecursiveAggregation.Forward> {

    private final AggregationUnit unit;
    private final RecursiveAggregation recursion;

    DragnVertexImpl(ComputationGraph graph, String name, int vertexIndex, INDArray paramsView,
            boolean initializeParams, DataType dataType, DragnVertex conf) {
        super(graph, name, vertexIndex, paramsView, initializeParams, dataType, conf);
        this.unit = new AggregationUnit(conf.getUnit(), this::param, this::gradient, conf.getBatchNormDecay());
        this.recursion = new RecursiveAggregation(unit);
    }

    /**
     * PyTorch's Conv2d default (the authors' code): weights and biases uniform in ±1/sqrt(fan_in),
     * fan_in = in channels × 9. BatchNorm: γ = 1, β = 0, running mean 0 and variance 1.
     */
    @Override
    protected void initialize(ParamSpec spec, INDArray view) {
        UnitArchitecture arch = ((DragnVertex) conf()).getUnit();
        for (int i = 0; i < arch.convolutions(); i++) {
            if (spec.name().equals(UnitArchitecture.weight(i)) || spec.name().equals(UnitArchitecture.bias(i))) {
                double bound = 1.0 / Math.sqrt(UnitArchitecture.KERNEL * UnitArchitecture.KERNEL * arch.inChannels(i));
                view.assign(Nd4j.rand(view.dataType(), view.shape()).muli(2 * bound).subi(bound));
                return;
            }
            if (spec.name().equals(UnitArchitecture.gamma(i)) || spec.name().equals(UnitArchitecture.runningVar(i))) {
                view.assign(1.0);
                return;
            }
        }
        view.assign(0.0);
    }

    @Override
    protected void beginForward(boolean training) {
        unit.beginForward(training);
    }

    @Override
    protected RecursiveAggregation.Forward forwardGroup(INDArray instances, int bags, int length, boolean training) {
        if (instances.rank() != 4) {
            throw new IllegalArgumentException("vertex " + getVertexName() + " aggregates maps [n, C, h, w]; got rank "
                    + instances.rank());
        }
        return recursion.forward(instances, bags, length, training);
    }

    @Override
    protected INDArray backwardGroup(RecursiveAggregation.Forward state, INDArray outputGradient) {
        return recursion.backward(state, outputGradient);
    }

    @Override
    protected void endBackward() {
        unit.writeRunningStatisticDeltas();
    }
}
