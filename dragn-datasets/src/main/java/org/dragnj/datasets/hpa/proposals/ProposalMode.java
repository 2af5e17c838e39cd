package org.dragnj.datasets.hpa.proposals;

/** How candidate cell regions are found in an HPA image. */
public enum ProposalMode {
    /**
     * OpenCV ximgproc selective search ("fast" strategy) on a downscaled composite, as the DRAGN paper
     * does. General (finds cells and organelle clusters alike) but slow: seconds per image even at 512².
     */
    SELECTIVE_SEARCH,
    /**
     * Otsu threshold of the nucleus (blue) channel, one box per connected component, widened by a
     * factor to cover the cell around the nucleus. Orders of magnitude faster; needs a nucleus stain.
     */
    NUCLEI
}
