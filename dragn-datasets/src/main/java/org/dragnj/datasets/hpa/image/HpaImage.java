package org.dragnj.datasets.hpa.image;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One HPA image in memory: four single-channel planes of equal size and depth (CV_8U or CV_16U).
 * Owns its native memory; close it.
 *
 * @param id       image id from the grouping file
 * @param red      microtubules
 * @param green    the protein
 * @param blue     nucleus
 * @param yellow   ER, or null when the source has none
 * @param sources  the files read, for messages
 */
public record HpaImage(String id, Mat red, Mat green, Mat blue, Mat yellow, List<String> sources)
        implements AutoCloseable {

    public HpaImage {
        sources = List.copyOf(sources);
    }

    public int width() {
        return blue.cols();
    }

    public int height() {
        return blue.rows();
    }

    /** CV_8U or CV_16U. */
    public int depth() {
        return blue.depth();
    }

    public boolean sixteenBit() {
        return depth() == opencv_core.CV_16U;
    }

    @Override
    public void close() {
        // Planes may be shared (a greyscale source serves as every channel); close each Mat once.
        Set<Mat> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Mat m : new Mat[] {red, green, blue, yellow}) {
            if (m != null && closed.add(m)) {
                m.close();
            }
        }
    }

    /**
     * The field as HPA shows it, for figures: microtubules red, protein green, nucleus blue, each channel
     * stretched to its own range (fields are dim, 16-bit ones especially).
     */
    public BufferedImage composite() {
        int w = width();
        int h = height();
        byte[][] planes = {stretched(red), stretched(green), stretched(blue)};
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (planes[0][i] & 0xff) << 16 | (planes[1][i] & 0xff) << 8 | planes[2][i] & 0xff;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    private static byte[] stretched(Mat plane) {
        try (Mat out = new Mat()) {
            opencv_core.normalize(plane, out, 0, 255, opencv_core.NORM_MINMAX, opencv_core.CV_8U, null);
            byte[] bytes = new byte[(int) (out.rows() * (long) out.cols())];
            out.data().get(bytes);
            return bytes;
        }
    }
}
