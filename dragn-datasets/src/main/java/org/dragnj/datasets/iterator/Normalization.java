package org.dragnj.datasets.iterator;

/** How raw pixel values become network inputs. */
public enum Normalization {
    /** Divide by the type's maximum (255 for 8-bit, 65535 for 16-bit images): values in [0, 1]. */
    UNIT,
    /** Keep raw values. */
    NONE
}
