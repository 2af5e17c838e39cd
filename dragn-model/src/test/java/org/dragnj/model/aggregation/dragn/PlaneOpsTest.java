package org.dragnj.model.aggregation.dragn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernel's two float implementations — SIMD loops ({@link VectorFloatPlaneOps}, what the tests
 * and launchers run) and plain loops (the fallback without the Vector API) — compute the same
 * forward and backward pass, and both equal the double-precision kernel; the reference and gradient
 * tests then pin the arithmetic itself.
 */
class PlaneOpsTest {

    @Test
    void theBuildRunsTheSimdKernel() {
        assertInstanceOf(VectorFloatPlaneOps.class, FloatPlaneOps.fastest(),
                "surefire starts the JVM with --add-modules " + FloatPlaneOps.VECTOR_MODULE);
    }

    @Test
    void lanesDivideTheChannelsAndKeepAPlaneSmall() {
        assertEquals(new PlaneGeometry(6, 10, 32), DragnKernel.geometry(512, 6, 10)); // 96 pixels · 32 ≤ 4096
        assertEquals(new PlaneGeometry(3, 3, 64), DragnKernel.geometry(64, 3, 3)); // all 64 channels of the small CNN
        assertEquals(new PlaneGeometry(16, 16, 8), DragnKernel.geometry(2048, 16, 16));
        assertEquals(new PlaneGeometry(6, 10, 1), DragnKernel.geometry(47, 6, 10)); // prime C above the limit: one lane
        assertEquals(new PlaneGeometry(2, 2, 5), DragnKernel.geometry(5, 2, 2));
    }

    @ParameterizedTest(name = "{0} with BatchNorm {1}, {2} bags of {3}, C = {4}, {5}x{6}")
    @CsvSource({"L1, false, 2, 7, 64, 3, 3", "L2, true, 1, 6, 96, 6, 10", "L3, true, 3, 5, 12, 4, 5",
            "L3, false, 2, 4, 7, 5, 3", "L2, true, 2, 1, 8, 2, 2"})
    void simdAndPlainLoopsAgreeForwardAndBackward(UnitDepth depth, boolean bn, int bags, int n, int channels, int h,
            int w) {
        UnitArchitecture arch = new UnitArchitecture(depth, bn);
        DragnKernel.Params p = randomParams(arch, new Random(7));
        INDArray instances = Nd4j.rand(DataType.FLOAT, (long) bags * n, channels, h, w).subi(0.5);
        INDArray outputGradient = Nd4j.rand(DataType.FLOAT, bags, channels, h, w).subi(0.5);
        Pass simd = pass(new DragnKernel<>(FloatPlaneOps.fastest(), arch), arch, p, instances, outputGradient, bags, n);
        Pass plain = pass(new DragnKernel<>(FloatPlaneOps.INSTANCE, arch), arch, p, instances, outputGradient, bags, n);
        Pass exact = pass(new DragnKernel<>(DoublePlaneOps.INSTANCE, arch), arch, p,
                instances.castTo(DataType.DOUBLE), outputGradient.castTo(DataType.DOUBLE), bags, n);
        for (Pass other : new Pass[] {plain, exact}) {
            assertArrayEquals(other.output, simd.output, 1e-4, "output");
            assertArrayEquals(other.inputGradient, simd.inputGradient, 1e-4, "instance gradient");
            for (int k = 0; k < arch.convolutions(); k++) {
                assertArrayEquals(other.grads.w()[k], simd.grads.w()[k], 2e-3 * scale(other.grads.w()[k]), "dW" + k);
                assertArrayEquals(other.grads.b()[k], simd.grads.b()[k], 2e-3 * scale(other.grads.b()[k]), "db" + k);
            }
        }
    }

    private record Pass(double[] output, double[] inputGradient, DragnKernel.Grads grads) {
    }

    private static <A> Pass pass(DragnKernel<A> kernel, UnitArchitecture arch, DragnKernel.Params p, INDArray instances,
            INDArray outputGradient, int bags, int n) {
        int convs = arch.convolutions();
        int stages = arch.batchNorm() ? convs - 1 : 0;
        double[][][] running = {copy(p.runningMean()), copy(p.runningVar())};
        DragnKernel.Forward<A> f = kernel.forward(instances, bags, n, p, arch.batchNorm() ? running : new double[2][0][0],
                0.9, true);
        double[][] gw = new double[convs][];
        double[][] gb = new double[convs][];
        for (int k = 0; k < convs; k++) {
            gw[k] = new double[p.w()[k].length];
            gb[k] = new double[p.b()[k].length];
        }
        DragnKernel.Grads grads = new DragnKernel.Grads(gw, gb, new double[stages][UnitArchitecture.HIDDEN],
                new double[stages][UnitArchitecture.HIDDEN]);
        INDArray dIn = kernel.backward(f, outputGradient, p, grads);
        return new Pass(f.output().castTo(DataType.DOUBLE).data().asDouble(), dIn.castTo(DataType.DOUBLE).data().asDouble(),
                grads);
    }

    private static DragnKernel.Params randomParams(UnitArchitecture arch, Random random) {
        int convs = arch.convolutions();
        int stages = arch.batchNorm() ? convs - 1 : 0;
        double[][] w = new double[convs][];
        double[][] rot = new double[convs][];
        double[][] b = new double[convs][];
        for (int k = 0; k < convs; k++) {
            w[k] = uniform(random, arch.outChannels(k) * arch.inChannels(k) * 9, 0.4);
            rot[k] = DragnVertexImpl.rotate180(w[k]);
            b[k] = uniform(random, arch.outChannels(k), 0.2);
        }
        double[][] gamma = new double[stages][];
        double[][] beta = new double[stages][];
        double[][] mean = new double[stages][];
        double[][] var = new double[stages][];
        for (int s = 0; s < stages; s++) {
            gamma[s] = uniform(random, UnitArchitecture.HIDDEN, 1.5);
            beta[s] = uniform(random, UnitArchitecture.HIDDEN, 0.3);
            mean[s] = uniform(random, UnitArchitecture.HIDDEN, 0.1);
            var[s] = new double[] {1, 1.5, 0.7};
        }
        return new DragnKernel.Params(w, rot, b, gamma, beta, mean, var);
    }

    private static double[] uniform(Random random, int n, double bound) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (2 * random.nextDouble() - 1) * bound;
        }
        return a;
    }

    private static double scale(double[] a) {
        double max = 1;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
