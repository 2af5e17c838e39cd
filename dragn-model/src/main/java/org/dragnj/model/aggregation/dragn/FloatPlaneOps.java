package org.dragnj.model.aggregation.dragn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link PlaneOps} on float[]: the training precision. Twin of {@link DoublePlaneOps} by necessity. */
final class FloatPlaneOps implements PlaneOps<float[]> {

    static final FloatPlaneOps INSTANCE = new FloatPlaneOps();

    @Override
    public DataType dataType() {
        return DataType.FLOAT;
    }

    @Override
    public float[] allocate(int length) {
        return new float[length];
    }

    @Override
    public float[] pack(INDArray maps, int[] planeOf, int planes, PlaneGeometry g) {
        float[] src = maps.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] dst = new float[planes * g.size()];
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
    public INDArray unpack(float[] planes, int[] planeOf, long[] shape, PlaneGeometry g) {
        int hw = g.interior();
        int wp = g.paddedWidth();
        float[] out = new float[planeOf.length * hw];
        for (int r = 0; r < planeOf.length; r++) {
            int base = planeOf[r] * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(planes, base + y * wp, out, r * hw + y * g.width(), g.width());
            }
        }
        return Nd4j.create(out, shape, 'c');
    }

    @Override
    public void fillSpan(float[] a, int plane, double value, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        java.util.Arrays.fill(a, from, from + g.spanLength(), (float) value);
    }

    @Override
    public void convolve(float[] dst, int dstPlane, float[] src, int srcPlane, double[] w, int wOff, PlaneGeometry g) {
        int wp = g.paddedWidth();
        int len = g.spanLength();
        int d = dstPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            float a = (float) w[wOff + dy * 3];
            float b = (float) w[wOff + dy * 3 + 1];
            float c = (float) w[wOff + dy * 3 + 2];
            int s = srcPlane * g.size() + g.spanStart() + (dy - 1) * wp - 1;
            for (int q = 0; q < len; q++) {
                dst[d + q] += a * src[s + q] + b * src[s + q + 1] + c * src[s + q + 2];
            }
        }
    }

    @Override
    public void weightGradient(float[] dOut, int dOutPlane, float[] src, int srcPlane, double[] acc, int accOff,
            PlaneGeometry g) {
        int wp = g.paddedWidth();
        int len = g.spanLength();
        int d = dOutPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            int s = srcPlane * g.size() + g.spanStart() + (dy - 1) * wp - 1;
            float a = 0;
            float b = 0;
            float c = 0;
            for (int q = 0; q < len; q++) {
                float v = dOut[d + q];
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
    public void zeroBorderColumns(float[] a, int plane, PlaneGeometry g) {
        int wp = g.paddedWidth();
        int base = plane * g.size();
        for (int y = 1; y <= g.height(); y++) {
            a[base + y * wp] = 0;
            a[base + y * wp + wp - 1] = 0;
        }
    }

    @Override
    public double sum(float[] a, int plane, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        double s = 0;
        for (int q = 0; q < g.spanLength(); q++) {
            s += a[from + q];
        }
        return s;
    }

    @Override
    public double sumSquaredDeviation(float[] a, int plane, double mean, PlaneGeometry g) {
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
    public double dot(float[] a, int aPlane, float[] b, int bPlane, PlaneGeometry g) {
        int ao = aPlane * g.size() + g.spanStart();
        int bo = bPlane * g.size() + g.spanStart();
        double s = 0;
        for (int q = 0; q < g.spanLength(); q++) {
            s += a[ao + q] * b[bo + q];
        }
        return s;
    }

    @Override
    public void affineRelu(float[] a, int plane, double scale, double shift, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        float sc = (float) scale;
        float sh = (float) shift;
        for (int q = 0; q < g.spanLength(); q++) {
            a[from + q] = Math.max(0f, sc * a[from + q] + sh);
        }
        zeroBorderColumns(a, plane, g);
    }

    @Override
    public void reluMask(float[] grad, int gradPlane, float[] activation, int actPlane, PlaneGeometry g) {
        int go = gradPlane * g.size() + g.spanStart();
        int ao = actPlane * g.size() + g.spanStart();
        for (int q = 0; q < g.spanLength(); q++) {
            if (activation[ao + q] <= 0f) {
                grad[go + q] = 0f;
            }
        }
    }

    @Override
    public void combine(float[] dst, int dstPlane, double alpha, float[] src, int srcPlane, double beta,
            double constant, PlaneGeometry g) {
        int d = dstPlane * g.size() + g.spanStart();
        float al = (float) alpha;
        float co = (float) constant;
        if (beta == 0) {
            for (int q = 0; q < g.spanLength(); q++) {
                dst[d + q] = al * dst[d + q] + co;
            }
        } else {
            int s = srcPlane * g.size() + g.spanStart();
            float be = (float) beta;
            for (int q = 0; q < g.spanLength(); q++) {
                dst[d + q] = al * dst[d + q] + be * src[s + q] + co;
            }
        }
        zeroBorderColumns(dst, dstPlane, g);
    }

    @Override
    public void scaleInto(float[] dst, int dstPlane, float[] src, int srcPlane, double scale, PlaneGeometry g) {
        int d = dstPlane * g.size();
        int s = srcPlane * g.size();
        float sc = (float) scale;
        for (int q = 0; q < g.size(); q++) {
            dst[d + q] = sc * src[s + q];
        }
    }
}
