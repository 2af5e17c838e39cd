package org.dragnj.datasets.hpa.proposals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How candidate regions of an HPA image are proposed and which become crop windows. Validated at
 * construction. Built by the cropping run's spec builder (see {@code HpaCropSpec.Builder}).
 *
 * @param mode             how regions are proposed
 * @param ranking          SELECTIVE_SEARCH mode: which proposals count as best
 * @param searchMaxSide    proposals are computed on a copy whose longer side is at most this many pixels
 *                         (selective search time grows steeply with size; boxes are mapped back to full
 *                         resolution)
 * @param minBoxSide       smallest proposal side, as a fraction of the shorter image side
 * @param maxBoxSide       largest proposal side, as a fraction of the shorter image side
 * @param maxAspectRatio   longest over shortest proposal side, at most
 * @param nmsIou           a proposal overlapping an already kept one by more than this IoU is dropped
 * @param maxWindows       keep at most this many windows per image (best first)
 * @param nucleusExpansion NUCLEI mode: the box around a nucleus is widened by this factor
 * @param ssBaseK          selective search: base k of the graph segmentation
 * @param ssIncK           selective search: k increment
 * @param ssSigma          selective search: Gaussian sigma of the graph segmentation
 */
public record ProposalSpec(ProposalMode mode, ProposalRanking ranking, int searchMaxSide, double minBoxSide,
        double maxBoxSide, double maxAspectRatio, double nmsIou, int maxWindows, double nucleusExpansion,
        int ssBaseK, int ssIncK, float ssSigma) implements java.io.Serializable {

    public ProposalSpec {
        require(mode != null && ranking != null, "proposal mode and ranking must not be null");
        require(searchMaxSide >= 64, "searchMaxSide must be >= 64 pixels, got " + searchMaxSide);
        require(minBoxSide > 0 && minBoxSide < maxBoxSide && maxBoxSide <= 1,
                "box sides must satisfy 0 < minBoxSide < maxBoxSide <= 1 (fractions of the shorter image side), got "
                        + minBoxSide + ", " + maxBoxSide);
        require(maxAspectRatio >= 1, "maxAspectRatio must be >= 1, got " + maxAspectRatio);
        require(nmsIou > 0 && nmsIou <= 1, "nmsIou must be in (0, 1], got " + nmsIou);
        require(maxWindows >= 1, "maxCropsPerImage must be >= 1, got " + maxWindows);
        require(nucleusExpansion >= 1, "nucleusExpansion must be >= 1, got " + nucleusExpansion);
        require(ssBaseK > 0 && ssIncK > 0 && ssSigma > 0, "selective search parameters must be positive, got base k "
                + ssBaseK + ", inc k " + ssIncK + ", sigma " + ssSigma);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The settings as plain values, for a report. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proposalMode", mode);
        m.put("proposalRanking", ranking);
        m.put("searchMaxSide", searchMaxSide);
        m.put("minBoxSide", minBoxSide);
        m.put("maxBoxSide", maxBoxSide);
        m.put("maxAspectRatio", maxAspectRatio);
        m.put("nmsIou", nmsIou);
        m.put("maxCropsPerImage", maxWindows);
        m.put("nucleusExpansion", nucleusExpansion);
        m.put("selectiveSearch", Map.of("baseK", ssBaseK, "incK", ssIncK, "sigma", ssSigma));
        return m;
    }
}
