package org.dragnj.model.aggregation.dragn;

/**
 * Depth of the DRAGN aggregation unit (paper §3.2): the number of 3x3 convolutions between the
 * three stacked instances and the one aggregated map.
 */
public enum UnitDepth {
    /** Conv(3→1). 28 parameters. */
    L1(1),
    /** Conv(3→3) → [BN] → ReLU → Conv(3→1). 112 parameters without BN. */
    L2(2),
    /** Conv(3→3) → [BN] → ReLU → Conv(3→3) → [BN] → ReLU → Conv(3→1). 196 parameters without BN. */
    L3(3);

    private final int convolutions;

    UnitDepth(int convolutions) {
        this.convolutions = convolutions;
    }

    public int convolutions() {
        return convolutions;
    }
}
