package org.dragnj.model.aggregation.dragn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link PlaneOps} on double[]: for gradient checks and double-precision models. Twin of {@link FloatPlaneOps}. */
final class DoublePlaneOps implements PlaneOps<double[]> {

    static final DoublePlaneOps INSTANCE = new DoublePlaneOps();

    @Override
    public DataType dataType() {
        return DataType.DOUBLE;
    }

    @Override
    public double[] allocate(int length) {
        return new double[length];
    }

    @Override
    public double[] pack(INDArray maps, int[] planeOf, int planes, PlaneGeometry g) {
        double[] src = maps.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] dst = new double[planes * g.size()];
        int hw = g.interior();
        int wp = g.paddedWidth();
        for (int r = 0; r < planeOf.length; r++) {
            int base = planeOf[r] * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(src, r * hw + y * g.width(), dst, base + y * wp, g.width());
            }
        }
        return dst;
    }

    @Override
    public INDArray unpack(double[] planes, int[] planeOf, long[] shape, PlaneGeometry g) {
        int hw = g.interior();
        int wp = g.paddedWidth();
        double[] out = new double[planeOf.length * hw];
        for (int r = 0; r < planeOf.length; r++) {
            int base = planeOf[r] * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(planes, base + y * wp, out, r * hw + y * g.width(), g.width());
            }
        }
        return Nd4j.create(out, shape, 'c');
    }

    @Override
    public void fillSpan(double[] a, int plane, double value, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        java.util.Arrays.fill(a, from, from + g.spanLength(), value);
    }

    @Override
    public void convolve(double[] dst, int dstPlane, double[] src, int srcPlane, double[] w, int wOff, PlaneGeometry g) {
        int wp = g.paddedWidth();
        int len = g.spanLength();
        int d = dstPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            double a = w[wOff + dy * 3];
            double b = w[wOff + dy * 3 + 1];
            double c = w[wOff + dy * 3 + 2];
            int s = srcPlane * g.size() + g.spanStart() + (dy - 1) * wp - 1;
            for (int q = 0; q < len; q++) {
                dst[d + q] += a * src[s + q] + b * src[s + q + 1] + c * src[s + q + 2];
            }
        }
    }

    @Override
    public void weightGradient(double[] dOut, int dOutPlane, double[] src, int srcPlane, double[] acc, int accOff,
            PlaneGeometry g) {
        int wp = g.paddedWidth();
        int len = g.spanLength();
        int d = dOutPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            int s = srcPlane * g.size() + g.spanStart() + (dy - 1) * wp - 1;
            double a = 0;
            double b = 0;
            double c = 0;
            for (int q = 0; q < len; q++) {
                double v = dOut[d + q];
                a += v * src[s + q];
                b += v * src[s + q + 1];
                c += v * src[s + q + 2];
            }
            acc[accOff + dy * 3] += a;
            acc[accOff + dy * 3 + 1] += b;
            acc[accOff + dy * 3 + 2] += c;
        }
    }

    @Override
    public void zeroBorderColumns(double[] a, int plane, PlaneGeometry g) {
        int wp = g.paddedWidth();
        int base = plane * g.size();
        for (int y = 1; y <= g.height(); y++) {
            a[base + y * wp] = 0;
            a[base + y * wp + wp - 1] = 0;
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
        int wp = g.paddedWidth();
        double s = 0;
        for (int y = 0; y < g.height(); y++) {
            int row = plane * g.size() + g.spanStart() + y * wp;
            for (int x = 0; x < g.width(); x++) {
                double dev = a[row + x] - mean;
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
