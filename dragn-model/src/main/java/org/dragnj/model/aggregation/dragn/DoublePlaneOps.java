package org.dragnj.model.aggregation.dragn;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link PlaneOps} on double[]: for gradient checks and double-precision models. Twin of
 * {@link FloatPlaneOps}.
 */
final class DoublePlaneOps implements PlaneOps<double[]> {

    static final DoublePlaneOps INSTANCE = new DoublePlaneOps();

    private DoublePlaneOps() {
    }

    @Override
    public DataType dataType() {
        return DataType.DOUBLE;
    }

    @Override
    public double[] allocate(int length) {
        return new double[length];
    }

    @Override
    public double[] pack(INDArray rows, PlaneGeometry g) {
        double[] src = rows.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int planes = Math.toIntExact(rows.size(0));
        double[] dst = new double[planes * g.size()];
        int row = g.width() * g.lanes();
        for (int p = 0; p < planes; p++) {
            int base = p * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(src, (p * g.height() + y) * row, dst, base + y * g.rowStride(), row);
            }
        }
        return dst;
    }

    @Override
    public INDArray unpack(double[] planes, int count, PlaneGeometry g) {
        int row = g.width() * g.lanes();
        double[] out = new double[count * g.height() * row];
        for (int p = 0; p < count; p++) {
            int base = p * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(planes, base + y * g.rowStride(), out, (p * g.height() + y) * row, row);
            }
        }
        return Nd4j.create(out, new long[] {count, g.height(), row}, 'c');
    }

    @Override
    public void fillSpan(double[] a, int plane, double value, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        Arrays.fill(a, from, from + g.spanLength(), value);
    }

    @Override
    public void convolve(double[] dst, int dstPlane, double[] src, int srcPlane, double[] w, int wOff, PlaneGeometry g) {
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dstPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            double a = w[wOff + dy * 3];
            double b = w[wOff + dy * 3 + 1];
            double c = w[wOff + dy * 3 + 2];
            int s = srcPlane * g.size() + g.spanStart() + g.tapOffset(dy * 3);
            for (int q = 0; q < len; q++) {
                dst[d + q] += a * src[s + q] + b * src[s + q + lanes] + c * src[s + q + 2 * lanes];
            }
        }
    }

    @Override
    public void weightGradient(double[] dOut, int dOutPlane, double[] src, int srcPlane, double[] acc, int accOff,
            PlaneGeometry g) {
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dOutPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            int s = srcPlane * g.size() + g.spanStart() + g.tapOffset(dy * 3);
            double a = 0;
            double b = 0;
            double c = 0;
            for (int q = 0; q < len; q++) {
                double v = dOut[d + q];
                a += v * src[s + q];
                b += v * src[s + q + lanes];
                c += v * src[s + q + 2 * lanes];
            }
            acc[accOff + dy * 3] += a;
            acc[accOff + dy * 3 + 1] += b;
            acc[accOff + dy * 3 + 2] += c;
        }
    }

    @Override
    public void zeroBorderColumns(double[] a, int plane, PlaneGeometry g) {
        int base = plane * g.size();
        int right = g.rowStride() - g.lanes();
        for (int y = 1; y <= g.height(); y++) {
            int row = base + y * g.rowStride();
            Arrays.fill(a, row, row + g.lanes(), 0.0);
            Arrays.fill(a, row + right, row + right + g.lanes(), 0.0);
        }
    }

    @Override
    public double sum(double[] a, int plane, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        double s = 0;
        for (int q = 0; q < g.spanLength(); q++) {
            s += a[from + q];
        }
        return s;
    }

    @Override
    public double sumSquaredDeviation(double[] a, int plane, double mean, PlaneGeometry g) {
        int row = g.width() * g.lanes();
        double s = 0;
        for (int y = 0; y < g.height(); y++) {
            int from = plane * g.size() + g.spanStart() + y * g.rowStride();
            for (int x = 0; x < row; x++) {
                double dev = a[from + x] - mean;
                s += dev * dev;
            }
        }
        return s;
    }

    @Override
    public double dot(double[] a, int aPlane, double[] b, int bPlane, PlaneGeometry g) {
        int ao = aPlane * g.size() + g.spanStart();
        int bo = bPlane * g.size() + g.spanStart();
        double s = 0;
        for (int q = 0; q < g.spanLength(); q++) {
            s += a[ao + q] * b[bo + q];
        }
        return s;
    }

    @Override
    public void affineRelu(double[] a, int plane, double scale, double shift, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        double sc = scale;
        double sh = shift;
        for (int q = 0; q < g.spanLength(); q++) {
            a[from + q] = Math.max(0.0, sc * a[from + q] + sh);
        }
        zeroBorderColumns(a, plane, g);
    }

    @Override
    public void reluMask(double[] grad, int gradPlane, double[] activation, int actPlane, PlaneGeometry g) {
        int go = gradPlane * g.size() + g.spanStart();
        int ao = actPlane * g.size() + g.spanStart();
        for (int q = 0; q < g.spanLength(); q++) {
            if (activation[ao + q] <= 0.0) {
                grad[go + q] = 0.0;
            }
        }
    }

    @Override
    public void combine(double[] dst, int dstPlane, double alpha, double[] src, int srcPlane, double beta,
            double constant, PlaneGeometry g) {
        int d = dstPlane * g.size() + g.spanStart();
        double al = alpha;
        double co = constant;
        if (beta == 0) {
            for (int q = 0; q < g.spanLength(); q++) {
                dst[d + q] = al * dst[d + q] + co;
            }
        } else {
            int s = srcPlane * g.size() + g.spanStart();
            double be = beta;
            for (int q = 0; q < g.spanLength(); q++) {
                dst[d + q] = al * dst[d + q] + be * src[s + q] + co;
            }
        }
        zeroBorderColumns(dst, dstPlane, g);
    }

    @Override
    public void scaleInto(double[] dst, int dstPlane, double[] src, int srcPlane, double scale, PlaneGeometry g) {
        int d = dstPlane * g.size();
        int s = srcPlane * g.size();
        double sc = scale;
        for (int q = 0; q < g.size(); q++) {
            dst[d + q] = sc * src[s + q];
        }
    }
}
