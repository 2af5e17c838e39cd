package org.dragnj.model.aggregation.dragn;

import java.util.Arrays;
import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlaneOps} on float[] in plain loops: the training precision where the JDK's Vector API is
 * not enabled (see {@link VectorFloatPlaneOps}). Twin of {@link DoublePlaneOps} by necessity.
 */
class FloatPlaneOps implements PlaneOps<float[]> {

    static final FloatPlaneOps INSTANCE = new FloatPlaneOps();

    /** The incubating module the vectorised loops need; the JVM resolves it only when told to. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    FloatPlaneOps() {
    }

    /**
     * {@link VectorFloatPlaneOps} when the JVM runs with {@code --add-modules jdk.incubator.vector}
     * (the launchers, tests and benchmarks do), else these plain loops, with one log line saying how
     * to get the fast ones.
     */
    static FloatPlaneOps fastest() {
        return Fastest.OPS;
    }

    private static final class Fastest {
        static final FloatPlaneOps OPS = choose();

        private static FloatPlaneOps choose() {
            Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
            if (vector.isEmpty()) {
                Logger log = LoggerFactory.getLogger(FloatPlaneOps.class);
                log.info("DRAGN kernel in plain loops: start the JVM with --add-modules {} for its SIMD version "
                        + "(several times faster)", VECTOR_MODULE);
                return INSTANCE;
            }
            try {
                // By name, so that no class of this one's links against the module when it is absent.
                return (FloatPlaneOps) Class.forName(FloatPlaneOps.class.getPackageName() + ".VectorFloatPlaneOps")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the vectorised DRAGN kernel is part of this jar and cannot be missing", e);
            }
        }
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT;
    }

    @Override
    public float[] allocate(int length) {
        return new float[length];
    }

    @Override
    public float[] pack(INDArray rows, PlaneGeometry g) {
        float[] src = rows.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int planes = Math.toIntExact(rows.size(0));
        float[] dst = new float[planes * g.size()];
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
    public INDArray unpack(float[] planes, int count, PlaneGeometry g) {
        int row = g.width() * g.lanes();
        float[] out = new float[count * g.height() * row];
        for (int p = 0; p < count; p++) {
            int base = p * g.size() + g.spanStart();
            for (int y = 0; y < g.height(); y++) {
                System.arraycopy(planes, base + y * g.rowStride(), out, (p * g.height() + y) * row, row);
            }
        }
        return Nd4j.create(out, new long[] {count, g.height(), row}, 'c');
    }

    @Override
    public void fillSpan(float[] a, int plane, double value, PlaneGeometry g) {
        int from = plane * g.size() + g.spanStart();
        Arrays.fill(a, from, from + g.spanLength(), (float) value);
    }

    @Override
    public void convolve(float[] dst, int dstPlane, float[] src, int srcPlane, double[] w, int wOff, PlaneGeometry g) {
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dstPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            float a = (float) w[wOff + dy * 3];
            float b = (float) w[wOff + dy * 3 + 1];
            float c = (float) w[wOff + dy * 3 + 2];
            int s = srcPlane * g.size() + g.spanStart() + g.tapOffset(dy * 3);
            for (int q = 0; q < len; q++) {
                dst[d + q] += a * src[s + q] + b * src[s + q + lanes] + c * src[s + q + 2 * lanes];
            }
        }
    }

    @Override
    public void weightGradient(float[] dOut, int dOutPlane, float[] src, int srcPlane, double[] acc, int accOff,
            PlaneGeometry g) {
        int lanes = g.lanes();
        int len = g.spanLength();
        int d = dOutPlane * g.size() + g.spanStart();
        for (int dy = 0; dy < 3; dy++) {
            int s = srcPlane * g.size() + g.spanStart() + g.tapOffset(dy * 3);
            float a = 0;
            float b = 0;
            float c = 0;
            for (int q = 0; q < len; q++) {
                float v = dOut[d + q];
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
    public void zeroBorderColumns(float[] a, int plane, PlaneGeometry g) {
        int base = plane * g.size();
        int right = g.rowStride() - g.lanes();
        for (int y = 1; y <= g.height(); y++) {
            int row = base + y * g.rowStride();
            Arrays.fill(a, row, row + g.lanes(), 0f);
            Arrays.fill(a, row + right, row + right + g.lanes(), 0f);
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
