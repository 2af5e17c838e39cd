package org.dragnj.datasets.hpa.proposals;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_ximgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_ximgproc.SelectiveSearchSegmentation;
import org.dragnj.datasets.hpa.image.HpaImage;

/**
 * Selective search ("fast" strategy) on the downscaled, contrast-stretched composite B = nucleus,
 * G = protein, R = microtubules. Scores follow {@link ProposalRanking}: how well a box frames an
 * object, or selective search's own order (hierarchy level × a random factor).
 */
final class SelectiveSearchProposals implements ProposalGenerator {

    private final ProposalSpec spec;

    SelectiveSearchProposals(ProposalSpec spec) {
        this.spec = spec;
    }

    @Override
    public List<Box> propose(HpaImage image) {
        int width = image.width();
        int height = image.height();
        double s = SearchCopy.scale(width, height, spec.searchMaxSide());
        try (Mat b = SearchCopy.plane(image.blue(), s);
                Mat g = SearchCopy.plane(image.green(), s);
                Mat r = SearchCopy.plane(image.red(), s);
                MatVector planes = new MatVector(b, g, r);
                Mat bgr = new Mat();
                SelectiveSearchSegmentation ss = opencv_ximgproc.createSelectiveSearchSegmentation();
                RectVector rects = new RectVector()) {
            opencv_core.merge(planes, bgr);
            ss.setBaseImage(bgr);
            ss.switchToSelectiveSearchFast(spec.ssBaseK(), spec.ssIncK(), spec.ssSigma());
            // The ranking draws random numbers; a per-image seed makes reruns propose the same boxes.
            opencv_core.setRNGSeed(image.id().hashCode());
            ss.process(rects);
            long n = rects.size();
            List<Box> boxes = new ArrayList<>((int) n);
            try (FramingScore framing = spec.ranking() == ProposalRanking.FRAMING
                    ? new FramingScore(b, g, r) : null) {
                for (long i = 0; i < n; i++) {
                    Rect rect = rects.get(i);
                    double order = (double) (n - i) / n; // 1 for selective search's first box
                    double score = framing == null ? order
                            : framing.score(rect.x(), rect.y(), rect.width(), rect.height()) + 1e-6 * order;
                    Box box = toFullResolution(rect.x(), rect.y(), rect.width(), rect.height(), s, width, height, score);
                    if (box != null) {
                        boxes.add(box);
                    }
                }
            }
            return boxes;
        }
    }

    /** Maps a box of the search copy back to the original, clamped to the image; null if it vanishes. */
    static Box toFullResolution(double x, double y, double w, double h, double scale, int width, int height,
            double score) {
        int x0 = (int) Math.max(0, Math.floor(x / scale));
        int y0 = (int) Math.max(0, Math.floor(y / scale));
        int x1 = (int) Math.min(width, Math.ceil((x + w) / scale));
        int y1 = (int) Math.min(height, Math.ceil((y + h) / scale));
        return x1 > x0 && y1 > y0 ? new Box(x0, y0, x1 - x0, y1 - y0, score) : null;
    }
}
