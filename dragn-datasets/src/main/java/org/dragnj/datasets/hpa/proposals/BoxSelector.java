package org.dragnj.datasets.hpa.proposals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns raw proposals into the crop windows of an image: size and aspect-ratio filter, square windows,
 * non-maximum suppression, the best N.
 */
public final class BoxSelector {

    /** What selection kept, and how many proposals survived each step (reported per image). */
    public record Selection(List<Box> windows, int proposed, int sized, int kept) {
    }

    private final ProposalSpec spec;

    public BoxSelector(ProposalSpec spec) {
        this.spec = spec;
    }

    public Selection select(List<Box> proposals, int width, int height) {
        double shorter = Math.min(width, height);
        double minSide = spec.minBoxSide() * shorter;
        double maxSide = spec.maxBoxSide() * shorter;
        List<Box> sized = new ArrayList<>();
        for (Box b : proposals) {
            if (Math.min(b.w(), b.h()) >= minSide && Math.max(b.w(), b.h()) <= maxSide
                    && b.aspectRatio() <= spec.maxAspectRatio()) {
                sized.add(b.squareWithin(width, height));
            }
        }
        // Stable sort: equal scores keep the proposer's order.
        sized.sort(Comparator.comparingDouble(Box::score).reversed());
        List<Box> kept = new ArrayList<>();
        for (Box b : sized) {
            if (kept.size() >= spec.maxWindows()) {
                break;
            }
            if (kept.stream().allMatch(k -> k.iou(b) <= spec.nmsIou())) {
                kept.add(b);
            }
        }
        return new Selection(kept, proposals.size(), sized.size(), kept.size());
    }
}
