package org.dragnj.datasets.hpa.proposals;

import java.nio.IntBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * How well a box frames an object: the foreground share of its interior minus the foreground share of
 * a strip along its edges. A box around a cell scores high (filled inside, background at the rim), a
 * box that cuts through a cell low (foreground at the rim), a box of background near zero. Selective
 * search proposes background segments and cell fragments as readily as cells; this ranks the cells first.
 * Foreground is Otsu's threshold of the brightest stretched channel; sums come from an integral image.
 */
final class FramingScore implements AutoCloseable {

    /** Rim width as a share of the shorter box side. */
    static final double RIM = 0.12;

    private final int width;
    private final int height;
    private final int stride;
    private final IntBuffer sums; // (height+1) x (width+1) integral of the 0/1 foreground
    private final Mat integral;

    /** @param planes 8-bit search-copy planes of one image, all the same size */
    FramingScore(Mat... planes) {
        width = planes[0].cols();
        height = planes[0].rows();
        try (Mat signal = planes[0].clone(); Mat mask = new Mat(); Mat ones = new Mat(); Size none = new Size(0, 0)) {
            for (int i = 1; i < planes.length; i++) {
                opencv_core.max(signal, planes[i], signal);
            }
            opencv_imgproc.GaussianBlur(signal, signal, none, 1.5);
            opencv_imgproc.threshold(signal, mask, 0, 1, opencv_imgproc.THRESH_BINARY | opencv_imgproc.THRESH_OTSU);
            integral = new Mat();
            opencv_imgproc.integral(mask, integral, opencv_core.CV_32S);
        }
        stride = integral.cols();
        sums = integral.createBuffer();
    }

    /** Score of the box (x, y, w, h) in search-copy pixels, in [-1, 1]. */
    double score(int x, int y, int w, int h) {
        int x0 = clamp(x, width);
        int y0 = clamp(y, height);
        int x1 = clamp(x + w, width);
        int y1 = clamp(y + h, height);
        long outerArea = (long) (x1 - x0) * (y1 - y0);
        if (outerArea == 0) {
            return -1;
        }
        int t = Math.max(1, (int) Math.round(RIM * Math.min(x1 - x0, y1 - y0)));
        int ix0 = x0 + t;
        int iy0 = y0 + t;
        int ix1 = x1 - t;
        int iy1 = y1 - t;
        long outer = sum(x0, y0, x1, y1);
        if (ix1 <= ix0 || iy1 <= iy0) {
            return (double) outer / outerArea - 1; // too thin to have an interior: all rim
        }
        long innerArea = (long) (ix1 - ix0) * (iy1 - iy0);
        long inner = sum(ix0, iy0, ix1, iy1);
        double inside = (double) inner / innerArea;
        double rim = (double) (outer - inner) / (outerArea - innerArea);
        return inside - rim;
    }

    private long sum(int x0, int y0, int x1, int y1) {
        return (long) sums.get(y1 * stride + x1) - sums.get(y0 * stride + x1) - sums.get(y1 * stride + x0)
                + sums.get(y0 * stride + x0);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public void close() {
        integral.close();
    }
}
