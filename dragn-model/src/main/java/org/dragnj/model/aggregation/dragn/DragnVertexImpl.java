package org.dragnj.model.aggregation.dragn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dragnj.model.aggregation.BagVertexImpl;
import org.dragnj.model.aggregation.ParamInit;
import org.dragnj.model.aggregation.ParamSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime of {@link DragnVertex}: Algorithm 1 per group of equal-length bags, by {@link DragnKernel}. */
public class DragnVertexImpl extends BagVertexImpl<DragnKernel.Forward<?>> {

    private final UnitArchitecture arch;
    private final double decay;
    private final DragnKernel<?> kernel;
    private DragnKernel.Params params;
    private DragnKernel.Grads grads;
    /** Running mean and variance after this forward pass: [0 mean | 1 var][stage][channel]; null outside training. */
    private double[][][] running;

    DragnVertexImpl(ComputationGraph graph, String name, int vertexIndex, INDArray paramsView,
            boolean initializeParams, DataType dataType, DragnVertex conf) {
        super(graph, name, vertexIndex, paramsView, initializeParams, dataType, conf);
        this.arch = conf.getUnit();
        this.decay = conf.getBatchNormDecay();
        this.kernel = dataType == DataType.DOUBLE ? new DragnKernel<>(DoublePlaneOps.INSTANCE, arch)
                : new DragnKernel<>(FloatPlaneOps.fastest(), arch);
    }

    /**
     * Convolutions as the vertex's {@link UnitInit} says: WINDOW_MEAN (the mean of the window) or UNIFORM
     * (PyTorch's Conv2d default, the authors' code: weights and biases uniform in ±1/sqrt(fan_in),
     * fan_in = in channels × 9). BatchNorm: γ = 1, β = 0, running mean 0 and variance 1.
     */
    @Override
    protected void initialize(ParamSpec spec, INDArray view) {
        DragnVertex vertex = (DragnVertex) conf(); // called from the super constructor
        UnitArchitecture arch = vertex.getUnit();
        for (int i = 0; i < arch.convolutions(); i++) {
            if (vertex.getInit() == UnitInit.WINDOW_MEAN && (spec.name().equals(UnitArchitecture.weight(i))
                    || spec.name().equals(UnitArchitecture.bias(i)))) {
                view.assign(0.0);
                if (spec.name().equals(UnitArchitecture.weight(i))) {
                    int centre = UnitArchitecture.KERNEL / 2;
                    for (int o = 0; o < arch.outChannels(i); o++) {
                        for (int c = 0; c < arch.inChannels(i); c++) {
                            double w = arch.outChannels(i) == 1 ? 1.0 / arch.inChannels(i) : o == c ? 1.0 : 0.0;
                            view.putScalar(new long[] {o, c, centre, centre}, w);
                        }
                    }
                }
                return;
            }
            if (spec.name().equals(UnitArchitecture.weight(i)) || spec.name().equals(UnitArchitecture.bias(i))) {
                double bound = 1.0 / Math.sqrt(UnitArchitecture.KERNEL * UnitArchitecture.KERNEL * arch.inChannels(i));
                ParamInit.uniform(view, bound);
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
        params = readParams();
        running = null;
        if (training && arch.batchNorm()) {
            running = new double[][][] {deepCopy(params.runningMean()), deepCopy(params.runningVar())};
        }
    }

    @Override
    protected DragnKernel.Forward<?> forwardGroup(INDArray instances, int bags, int length, boolean training) {
        if (instances.rank() != 4) {
            throw new IllegalArgumentException("vertex " + getVertexName() + " aggregates maps [n, C, h, w]; got rank "
                    + instances.rank());
        }
        return kernel.forward(instances, bags, length, params, training ? runningOrEmpty() : null, decay,
                keepsInferenceState());
    }

    @Override
    protected INDArray backwardGroup(DragnKernel.Forward<?> state, INDArray outputGradient) {
        if (grads == null) {
            grads = emptyGrads();
        }
        return backward(kernel, state, outputGradient);
    }

    @SuppressWarnings("unchecked")
    private <A> INDArray backward(DragnKernel<A> k, DragnKernel.Forward<?> state, INDArray outputGradient) {
        return k.backward((DragnKernel.Forward<A>) state, outputGradient, params, grads);
    }

    @Override
    protected void endBackward() {
        for (int k = 0; k < arch.convolutions(); k++) {
            write(UnitArchitecture.weight(k), grads.w()[k]);
            write(UnitArchitecture.bias(k), grads.b()[k]);
        }
        if (arch.batchNorm()) {
            for (int s = 0; s < arch.convolutions() - 1; s++) {
                write(UnitArchitecture.gamma(s), grads.gamma()[s]);
                write(UnitArchitecture.beta(s), grads.beta()[s]);
                if (running != null) {
                    // DL4J applies "params −= gradient" (NoOp updater): current − new leaves the new estimate.
                    write(UnitArchitecture.runningMean(s), minus(params.runningMean()[s], running[0][s]));
                    write(UnitArchitecture.runningVar(s), minus(params.runningVar()[s], running[1][s]));
                }
            }
        }
        grads = null;
    }

    private double[][][] runningOrEmpty() {
        return running != null ? running : new double[2][0][0];
    }

    private DragnKernel.Params readParams() {
        int convs = arch.convolutions();
        int stages = arch.batchNorm() ? convs - 1 : 0;
        double[][] w = new double[convs][];
        double[][] rot = new double[convs][];
        double[][] b = new double[convs][];
        for (int k = 0; k < convs; k++) {
            w[k] = values(param(UnitArchitecture.weight(k)));
            rot[k] = rotate180(w[k]);
            b[k] = values(param(UnitArchitecture.bias(k)));
        }
        double[][] gamma = new double[stages][];
        double[][] beta = new double[stages][];
        double[][] mean = new double[stages][];
        double[][] var = new double[stages][];
        for (int s = 0; s < stages; s++) {
            gamma[s] = values(param(UnitArchitecture.gamma(s)));
            beta[s] = values(param(UnitArchitecture.beta(s)));
            mean[s] = values(param(UnitArchitecture.runningMean(s)));
            var[s] = values(param(UnitArchitecture.runningVar(s)));
        }
        return new DragnKernel.Params(w, rot, b, gamma, beta, mean, var);
    }

    private DragnKernel.Grads emptyGrads() {
        int convs = arch.convolutions();
        int stages = arch.batchNorm() ? convs - 1 : 0;
        double[][] w = new double[convs][];
        double[][] b = new double[convs][];
        for (int k = 0; k < convs; k++) {
            w[k] = new double[params.w()[k].length];
            b[k] = new double[params.b()[k].length];
        }
        return new DragnKernel.Grads(w, b, new double[stages][UnitArchitecture.HIDDEN],
                new double[stages][UnitArchitecture.HIDDEN]);
    }

    /** Each 3x3 kernel turned by 180°: the backward pass's correlation kernel. */
    static double[] rotate180(double[] w) {
        double[] r = new double[w.length];
        for (int k = 0; k < w.length; k += 9) {
            for (int t = 0; t < 9; t++) {
                r[k + t] = w[k + 8 - t];
            }
        }
        return r;
    }

    private void write(String name, double[] values) {
        INDArray view = gradient(name);
        view.assign(Nd4j.createFromArray(values).castTo(view.dataType()).reshape(view.shape()));
    }

    private static double[] values(INDArray a) {
        return a.dup('c').data().asDouble();
    }

    private static double[] minus(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
