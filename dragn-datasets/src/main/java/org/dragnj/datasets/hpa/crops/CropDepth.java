package org.dragnj.datasets.hpa.crops;

/** Bits per channel of the crops. */
public enum CropDepth {
    /**
     * 8 bits: 16-bit sources are scaled linearly (value × 255 / 65535). What image pipelines expect
     * (e.g. DataVec's ImagePreProcessingScaler assumes 0…255).
     */
    EIGHT_BIT,
    /**
     * Same depth as the source image (8 or 16 bits), nothing lost; a 16-bit crop loads as 0…65535 and
     * must be scaled accordingly.
     */
    SAME_AS_INPUT
}
