package org.dragnj.datasets.hpa.image;

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
}
