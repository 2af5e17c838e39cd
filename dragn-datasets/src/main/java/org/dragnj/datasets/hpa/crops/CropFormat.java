package org.dragnj.datasets.hpa.crops;

/**
 * The file format of a crop. Both are PNG files that OpenCV {@code imread} and DataVec's
 * {@code NativeImageLoader} read; the channel count is what differs.
 */
public enum CropFormat {
    /**
     * 3-channel PNG, R = microtubules (red), G = protein (green), B = nucleus (blue): the composite
     * the Human Protein Atlas shows, and what a 3-channel ImageNet-style trunk consumes. The ER
     * (yellow) channel is not stored. Load with {@code new NativeImageLoader(h, w, 3)}.
     */
    RGB,
    /**
     * 4-channel PNG, R = microtubules, G = protein, B = nucleus, A = ER (yellow). Keeps every channel,
     * but viewers show low-ER pixels as transparent; load with {@code new NativeImageLoader(h, w, 4)}
     * (channels come out in OpenCV order B, G, R, A). Loading such a file with 3 channels makes
     * NativeImageLoader swap red and blue, so do not mix the two formats in one data set.
     */
    RGBA_ER
}
