package org.dragnj.datasets.hpa.proposals;

import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The small 8-bit copies proposals are computed on: each plane shrunk so the longer image side is at
 * most {@code maxSide}, then contrast-stretched so its 0.5th to 99.8th percentile fills 0…255.
 * Fluorescence is often dim (a 16-bit image may use a few hundred grey levels) and segmentation needs
 * contrast; the crops themselves are cut from the untouched original.
 */
final class SearchCopy {

    private SearchCopy() {
    }

    /** Search-copy size factor for an image: at most 1 (never upscaled). */
    static double scale(int width, int height, int maxSide) {
        return Math.min(1.0, (double) maxSide / Math.max(width, height));
    }

    /** A shrunk, stretched CV_8UC1 copy of one plane; the caller closes it. */
    static Mat plane(Mat src, double scale) {
        Mat small = new Mat();
        if (scale < 1) {
            int w = Math.max(1, (int) Math.round(src.cols() * scale));
            int h = Math.max(1, (int) Math.round(src.rows() * scale));
            try (Size size = new Size(w, h)) {
                opencv_imgproc.resize(src, small, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
        } else {
            src.copyTo(small);
        }
        try {
            double[] range = percentiles(small, 0.005, 0.998);
            double span = Math.max(1, range[1] - range[0]);
            Mat out = new Mat();
            small.convertTo(out, opencv_core.CV_8U, 255.0 / span, -range[0] * 255.0 / span);
            return out;
        } finally {
            small.close();
        }
    }

    /** The lo and hi quantiles of a continuous CV_8UC1 or CV_16UC1 plane, from its histogram. */
    static double[] percentiles(Mat m, double lo, double hi) {
        int levels = m.depth() == opencv_core.CV_16U ? 65536 : 256;
        long[] hist = new long[levels];
        Mat c = m.isContinuous() ? m : m.clone();
        try {
            if (levels == 256) {
                ByteBuffer buf = c.createBuffer();
                while (buf.hasRemaining()) {
                    hist[buf.get() & 0xFF]++;
                }
            } else {
                ShortBuffer buf = c.createBuffer();
                while (buf.hasRemaining()) {
                    hist[buf.get() & 0xFFFF]++;
                }
            }
        } finally {
            if (c != m) {
                c.close();
            }
        }
        long total = (long) m.rows() * m.cols();
        return new double[] {quantile(hist, total, lo), quantile(hist, total, hi)};
    }

    private static int quantile(long[] hist, long total, double q) {
        long target = (long) Math.ceil(q * total);
        long seen = 0;
        for (int v = 0; v < hist.length; v++) {
            seen += hist[v];
            if (seen >= Math.max(1, target)) {
                return v;
            }
        }
        return hist.length - 1;
    }
}
