package org.dragnj.model.aggregation.dragn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few loops of the DRAGN kernel that touch map values, for one primitive array type
 * ({@code float[]} or {@code double[]}). Java has no generics over primitives, so these loops exist
 * once per type; everything else in {@link DragnKernel} is written once against this interface.
 * Planes are addressed by their index in the array; see {@link PlaneGeometry} for their layout.
 *
 * @param <A> float[] or double[]
 */
interface PlaneOps<A> {

    DataType dataType();

    A allocate(int length);

    /** Copies maps [planes, h, w·lanes] (channels innermost) into padded planes, map p into plane p. */
    A pack(INDArray maps, PlaneGeometry g);

    /** Copies the first {@code count} planes back into maps [count, h, w·lanes]. */
    INDArray unpack(A planes, int count, PlaneGeometry g);

    /** Sets the span of a plane to {@code value}. */
    void fillSpan(A a, int plane, double value, PlaneGeometry g);

    /** dst = bias + 3x3 correlation of src with taps {@code w[wOff .. wOff+8]}, over the span: the first input of a sum. */
    default void convolveFrom(A dst, int dstPlane, double bias, A src, int srcPlane, double[] w, int wOff,
            PlaneGeometry g) {
        fillSpan(dst, dstPlane, bias, g);
        convolve(dst, dstPlane, src, srcPlane, w, wOff, g);
    }

    /** dst += 3x3 correlation of src with taps {@code w[wOff .. wOff+8]} (row-major dy, dx), over the span, lane by lane. */
    void convolve(A dst, int dstPlane, A src, int srcPlane, double[] w, int wOff, PlaneGeometry g);

    /** acc[accOff + tap] += sum over the span (all lanes) of dOut * (src shifted by the tap). */
    void weightGradient(A dOut, int dOutPlane, A src, int srcPlane, double[] acc, int accOff, PlaneGeometry g);

    /** Zeroes the two border columns of every interior row (the rest of the border is never written). */
    void zeroBorderColumns(A a, int plane, PlaneGeometry g);

    /** Sum of the plane (border included, which is zero). */
    double sum(A a, int plane, PlaneGeometry g);

    /** Sum of squares of (x - mean) over the interior. */
    double sumSquaredDeviation(A a, int plane, double mean, PlaneGeometry g);

    /** Sum over the span of a * b. */
    double dot(A a, int aPlane, A b, int bPlane, PlaneGeometry g);

    /** x = max(0, scale * x + shift) over the span (BatchNorm affine then ReLU; scale 1, shift 0 for plain ReLU). */
    void affineRelu(A a, int plane, double scale, double shift, PlaneGeometry g);

    /** grad *= (activation > 0) over the span. */
    void reluMask(A grad, int gradPlane, A activation, int actPlane, PlaneGeometry g);

    /** dst = alpha * dst + beta * src + constant over the interior ({@code src} is ignored when beta is 0). */
    void combine(A dst, int dstPlane, double alpha, A src, int srcPlane, double beta, double constant,
            PlaneGeometry g);

    /** dst = scale * src over the whole plane. */
    void scaleInto(A dst, int dstPlane, A src, int srcPlane, double scale, PlaneGeometry g);
}
