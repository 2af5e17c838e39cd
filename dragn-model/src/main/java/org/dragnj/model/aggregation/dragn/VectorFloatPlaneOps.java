package org.dragnj.model.aggregation.dragn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The DRAGN kernel's hot loops in the JDK's Vector API: the 3x3 taps and their weight gradients
 * and the element-wise passes of the hidden stages, as whole-vector multiply-adds over a plane's
 * span (channels innermost, so one weight serves every lane).
 *
 * <p>Why not plain loops: HotSpot's C2 in JDK 17 vectorises a loop only when every array index
 * differs from the others by a compile-time constant; here the source plane, destination plane and
 * tap offsets are run-time values, so the plain loops of {@link FloatPlaneOps} stay scalar. This
 * class loads only when the JVM runs with {@code --add-modules jdk.incubator.vector} (see
 * {@link FloatPlaneOps#fastest()}).
 */
final class VectorFloatPlaneOps extends FloatPlaneOps {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    VectorFloatPlaneOps() {
    }

    @Override
    public void convolve(float[] dst, int dstPlane, float[] src, int srcPlane, double[] w, int wOff, PlaneGeometry g) {
        convolve(dst, dstPlane, false, 0, src, srcPlane, w, wOff, g);
    }

    @Override
    public void convolveFrom(float[] dst, int dstPlane, double bias, float[] src, int srcPlane, double[] w, int wOff,
            PlaneGeometry g) {
        convolve(dst, dstPlane, true, bias, src, srcPlane, w, wOff, g);
    }

    /** {@code fresh}: dst = bias + taps (saves a pass over dst), else dst += taps. */
    private static void convolve(float[] dst, int dstPlane, boolean fresh, double bias, float[] src, int srcPlane,
            double[] w, int wOff, PlaneGeometry g) {
        FloatVector start = broadcast(bias);
        FloatVector w0 = broadcast(w[wOff]);
        FloatVector w1 = broadcast(w[wOff + 1]);
        FloatVector w2 = broadcast(w[wOff + 2]);
        FloatVector w3 = broadcast(w[wOff + 3]);
        FloatVector w4 = broadcast(w[wOff + 4]);
        FloatVector w5 = broadcast(w[wOff + 5]);
        FloatVector w6 = broadcast(w[wOff + 6]);
        FloatVector w7 = broadcast(w[wOff + 7]);
        FloatVector w8 = broadcast(w[wOff + 8]);
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dstPlane * g.size() + g.spanStart();
        int centre = srcPlane * g.size() + g.spanStart();
        int up = centre - g.rowStride() - lanes;
        int mid = centre - lanes;
        int down = centre + g.rowStride() - lanes;
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            FloatVector acc = fresh ? start : FloatVector.fromArray(SPECIES, dst, d + q);
            acc = FloatVector.fromArray(SPECIES, src, up + q).fma(w0, acc);
            acc = FloatVector.fromArray(SPECIES, src, up + q + lanes).fma(w1, acc);
            acc = FloatVector.fromArray(SPECIES, src, up + q + 2 * lanes).fma(w2, acc);
            acc = FloatVector.fromArray(SPECIES, src, mid + q).fma(w3, acc);
            acc = FloatVector.fromArray(SPECIES, src, mid + q + lanes).fma(w4, acc);
            acc = FloatVector.fromArray(SPECIES, src, mid + q + 2 * lanes).fma(w5, acc);
            acc = FloatVector.fromArray(SPECIES, src, down + q).fma(w6, acc);
            acc = FloatVector.fromArray(SPECIES, src, down + q + lanes).fma(w7, acc);
            acc = FloatVector.fromArray(SPECIES, src, down + q + 2 * lanes).fma(w8, acc);
            acc.intoArray(dst, d + q);
        }
        for (; q < len; q++) {
            float v = fresh ? (float) bias : dst[d + q];
            for (int t = 0; t < 9; t++) {
                v = Math.fma((float) w[wOff + t], src[centre + q + g.tapOffset(t)], v);
            }
            dst[d + q] = v;
        }
    }

    @Override
    public void weightGradient(float[] dOut, int dOutPlane, float[] src, int srcPlane, double[] acc, int accOff,
            PlaneGeometry g) {
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dOutPlane * g.size() + g.spanStart();
        int centre = srcPlane * g.size() + g.spanStart();
        int up = centre - g.rowStride() - lanes;
        int mid = centre - lanes;
        int down = centre + g.rowStride() - lanes;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector a8 = a0;
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            FloatVector v = FloatVector.fromArray(SPECIES, dOut, d + q);
            a0 = FloatVector.fromArray(SPECIES, src, up + q).fma(v, a0);
            a1 = FloatVector.fromArray(SPECIES, src, up + q + lanes).fma(v, a1);
            a2 = FloatVector.fromArray(SPECIES, src, up + q + 2 * lanes).fma(v, a2);
            a3 = FloatVector.fromArray(SPECIES, src, mid + q).fma(v, a3);
            a4 = FloatVector.fromArray(SPECIES, src, mid + q + lanes).fma(v, a4);
            a5 = FloatVector.fromArray(SPECIES, src, mid + q + 2 * lanes).fma(v, a5);
            a6 = FloatVector.fromArray(SPECIES, src, down + q).fma(v, a6);
            a7 = FloatVector.fromArray(SPECIES, src, down + q + lanes).fma(v, a7);
            a8 = FloatVector.fromArray(SPECIES, src, down + q + 2 * lanes).fma(v, a8);
        }
        // Reduced one by one: gathering the accumulators in an array would box them in the loop.
        acc[accOff] += a0.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(0), q, len);
        acc[accOff + 1] += a1.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(1), q, len);
        acc[accOff + 2] += a2.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(2), q, len);
        acc[accOff + 3] += a3.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(3), q, len);
        acc[accOff + 4] += a4.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(4), q, len);
        acc[accOff + 5] += a5.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(5), q, len);
        acc[accOff + 6] += a6.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(6), q, len);
        acc[accOff + 7] += a7.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(7), q, len);
        acc[accOff + 8] += a8.reduceLanes(VectorOperators.ADD) + tail(dOut, d, src, centre + g.tapOffset(8), q, len);
    }

    /** The span's last values that do not fill a vector: sum of dOut · src over [from, len). */
    private static float tail(float[] dOut, int d, float[] src, int s, int from, int len) {
        float sum = 0;
        for (int r = from; r < len; r++) {
            sum = Math.fma(dOut[d + r], src[s + r], sum);
        }
        return sum;
    }

    /** Float partial sums per vector lane (a few hundred values each), added up in double. */
    @Override
    public double sum(float[] a, int plane, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        int len = g.spanLength();
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            acc = acc.add(FloatVector.fromArray(SPECIES, a, from + q));
        }
        double s = inDouble(acc);
        for (; q < len; q++) {
            s += a[from + q];
        }
        return s;
    }

    @Override
    public double dot(float[] a, int aPlane, float[] b, int bPlane, PlaneGeometry g) {
        int ao = aPlane * g.size() + g.spanStart();
        int bo = bPlane * g.size() + g.spanStart();
        int len = g.spanLength();
        FloatVector acc = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, ao + q).fma(FloatVector.fromArray(SPECIES, b, bo + q), acc);
        }
        double s = inDouble(acc);
        for (; q < len; q++) {
            s += a[ao + q] * b[bo + q];
        }
        return s;
    }

    private static double inDouble(FloatVector partial) {
        double s = 0;
        for (int lane = 0; lane < SPECIES.length(); lane++) {
            s += partial.lane(lane);
        }
        return s;
    }

    @Override
    public void affineRelu(float[] a, int plane, double scale, double shift, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        int len = g.spanLength();
        float sc = (float) scale;
        float sh = (float) shift;
        FloatVector scv = broadcast(sc);
        FloatVector shv = broadcast(sh);
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, a, from + q).fma(scv, shv).max(zero).intoArray(a, from + q);
        }
        for (; q < len; q++) {
            a[from + q] = Math.max(0f, Math.fma(a[from + q], sc, sh));
        }
        zeroBorderColumns(a, plane, g);
    }

    @Override
    public void reluMask(float[] grad, int gradPlane, float[] activation, int actPlane, PlaneGeometry g) {
        int go = gradPlane * g.size() + g.spanStart();
        int ao = actPlane * g.size() + g.spanStart();
        int len = g.spanLength();
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            FloatVector act = FloatVector.fromArray(SPECIES, activation, ao + q);
            FloatVector.fromArray(SPECIES, grad, go + q).blend(0f, act.compare(VectorOperators.LE, 0f))
                    .intoArray(grad, go + q);
        }
        for (; q < len; q++) {
            if (activation[ao + q] <= 0f) {
                grad[go + q] = 0f;
            }
        }
    }

    @Override
    public void combine(float[] dst, int dstPlane, double alpha, float[] src, int srcPlane, double beta,
            double constant, PlaneGeometry g) {
        if (beta == 0) {
            super.combine(dst, dstPlane, alpha, src, srcPlane, beta, constant, g);
            return;
        }
        int d = dstPlane * g.size() + g.spanStart();
        int s = srcPlane * g.size() + g.spanStart();
        int len = g.spanLength();
        float al = (float) alpha;
        float be = (float) beta;
        float co = (float) constant;
        FloatVector alv = broadcast(al);
        FloatVector bev = broadcast(be);
        FloatVector cov = broadcast(co);
        int bound = SPECIES.loopBound(len);
        int q = 0;
        for (; q < bound; q += SPECIES.length()) {
            FloatVector x = FloatVector.fromArray(SPECIES, dst, d + q);
            FloatVector.fromArray(SPECIES, src, s + q).fma(bev, x.fma(alv, cov)).intoArray(dst, d + q);
        }
        for (; q < len; q++) {
            dst[d + q] = Math.fma(src[s + q], be, Math.fma(dst[d + q], al, co));
        }
        zeroBorderColumns(dst, dstPlane, g);
    }

    private static FloatVector broadcast(double value) {
        return FloatVector.broadcast(SPECIES, (float) value);
    }
}
