package org.dragnj.datasets.hpa.proposals;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.dragnj.datasets.hpa.image.HpaImage;

/**
 * One proposal per nucleus: the nucleus (blue) plane of the search copy is smoothed, thresholded with
 * Otsu's method and opened; each connected component's box is widened by {@code nucleusExpansion}
 * around its centre so that it covers the cell body. Larger nuclei rank first.
 */
final class NucleusProposals implements ProposalGenerator {

    /** Components smaller than this (search-copy pixels) are speckle noise, not nuclei. */
    static final int MIN_COMPONENT_AREA = 9;

    private final ProposalSpec spec;

    NucleusProposals(ProposalSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Box> propose(HpaImage image) {
        int width = image.width();
        int height = image.height();
        double s = SearchCopy.scale(width, height, spec.searchMaxSide());
        try (Mat blue = SearchCopy.plane(image.blue(), s);
                Mat mask = new Mat();
                Mat labels = new Mat();
                Mat stats = new Mat();
                Mat centroids = new Mat();
                Size none = new Size(0, 0);
                Size k3 = new Size(3, 3);
                Mat kernel = opencv_imgproc.getStructuringElement(opencv_imgproc.MORPH_ELLIPSE, k3)) {
            opencv_imgproc.GaussianBlur(blue, blue, none, 1.0);
            opencv_imgproc.threshold(blue, mask, 0, 255, opencv_imgproc.THRESH_BINARY | opencv_imgproc.THRESH_OTSU);
            opencv_imgproc.morphologyEx(mask, mask, opencv_imgproc.MORPH_OPEN, kernel);
            int n = opencv_imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, opencv_core.CV_32S);
            IntBuffer st = stats.createBuffer(); // rows: x, y, width, height, area
            int cols = stats.cols();
            List<Box> boxes = new ArrayList<>();
            for (int i = 1; i < n; i++) { // label 0 is the background
                int x = st.get(i * cols + opencv_imgproc.CC_STAT_LEFT);
                int y = st.get(i * cols + opencv_imgproc.CC_STAT_TOP);
                int w = st.get(i * cols + opencv_imgproc.CC_STAT_WIDTH);
                int h = st.get(i * cols + opencv_imgproc.CC_STAT_HEIGHT);
                int area = st.get(i * cols + opencv_imgproc.CC_STAT_AREA);
                if (area < MIN_COMPONENT_AREA) {
                    continue;
                }
                double cx = x + w / 2.0;
                double cy = y + h / 2.0;
                double ew = w * spec.nucleusExpansion();
                double eh = h * spec.nucleusExpansion();
                Box box = SelectiveSearchProposals.toFullResolution(cx - ew / 2, cy - eh / 2, ew, eh, s, width, height,
                        area);
                if (box != null) {
                    boxes.add(box);
                }
            }
            return boxes;
        }
    }
}
