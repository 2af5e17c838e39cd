package org.dragnj.datasets.synthetic.hpa;

import java.nio.FloatBuffer;
import java.util.Random;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.CellPlan;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaPlanner.ImagePlan;

/**
 * Renders a planned field into four single-channel images (red, green, blue, yellow): cells, optical
 * blur (strong when the field is out of focus), a dim background and pixel noise.
 */
final class FieldRenderer {

    private final SyntheticHpaSpec spec;

    FieldRenderer(SyntheticHpaSpec spec) {
        this.spec = spec;
    }

    /** The four channels red, green, blue, yellow as CV_8UC1 or CV_16UC1 Mats; the caller closes them. */
    Mat[] render(ImagePlan image) {
        int n = spec.imageSize();
        float[][] field = new float[4][n * n];
        for (CellPlan cell : image.cells()) {
            new CellRenderer(cell, n).renderInto(field, n);
        }
        Random rnd = new Random(image.pixelSeed());
        double r = spec.cellRadiusPixels();
        // Even in focus, optics smear a little; an out-of-focus field loses its fine structure.
        double sigma = image.outOfFocus() ? (0.06 + 0.06 * rnd.nextDouble()) * r : 0.008 * r;
        Mat[] out = new Mat[4];
        for (int c = 0; c < 4; c++) {
            double background = 0.02 + 0.02 * rnd.nextDouble();
            out[c] = toImage(field[c], n, sigma, background, rnd);
        }
        return out;
    }

    private Mat toImage(float[] values, int n, double sigma, double background, Random rnd) {
        try (Mat f = new Mat(n, n, opencv_core.CV_32FC1)) {
            FloatBuffer buf = f.createBuffer();
            buf.put(values);
            if (sigma >= 0.5) {
                try (Size auto = new Size(0, 0)) {
                    opencv_imgproc.GaussianBlur(f, f, auto, sigma);
                }
            }
            buf.rewind();
            buf.get(values);
            for (int k = 0; k < values.length; k++) {
                values[k] += (float) (background + spec.noise() * rnd.nextGaussian());
            }
            buf.rewind();
            buf.put(values);
            Mat out = new Mat();
            if (spec.sixteenBit()) {
                f.convertTo(out, opencv_core.CV_16U, 65535, 0);
            } else {
                f.convertTo(out, opencv_core.CV_8U, 255, 0);
            }
            return out;
        }
    }
}
