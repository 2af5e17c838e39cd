package org.dragnj.datasets.hpa.proposals;

/** Which selective-search proposals come first when only the best N per image are kept. */
public enum ProposalRanking {
    /**
     * Boxes that frame an object best (foreground inside, background along the rim, see
     * {@code FramingScore}); selective search's own order breaks ties. Finds far more whole cells.
     */
    FRAMING,
    /** Selective search's own order (hierarchy level times a random factor), as the library returns it. */
    SELECTIVE_SEARCH_ORDER
}
