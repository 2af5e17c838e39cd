package org.dragnj.data.hpa;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns raw proposals into the crop windows of an image: size and aspect-ratio filter, square windows,
 * non-maximum suppression, the best N.
 */
final class BoxSelector {

    /** What selection kept, and how many proposals survived each step (reported per image). */
    record Selection(List<Box> windows, int proposed, int sized, int kept) {
    }

    private final HpaCropConfig config;

    BoxSelector(HpaCropConfig config) {
        this.config = config;
    }

    Selection select(List<Box> proposals, int width, int height) {
        double shorter = Math.min(width, height);
        double minSide = config.minBoxSide() * shorter;
        double maxSide = config.maxBoxSide() * shorter;
        List<Box> sized = new ArrayList<>();
        for (Box b : proposals) {
            if (Math.min(b.w(), b.h()) >= minSide && Math.max(b.w(), b.h()) <= maxSide
                    && b.aspectRatio() <= config.maxAspectRatio()) {
                sized.add(b.squareWithin(width, height));
            }
        }
        // Stable sort: equal scores keep the proposer's order.
        sized.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> kept = new ArrayList<>();
        for (Box b : sized) {
            if (kept.size() >= config.maxCropsPerImage()) {
                break;
            }
            if (kept.stream().allMatch(k -> k.iou(b) <= config.nmsIou())) {
                kept.add(b);
            }
        }
        return new Selection(kept, proposals.size(), sized.size(), kept.size());
    }
}
