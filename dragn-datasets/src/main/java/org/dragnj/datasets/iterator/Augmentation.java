package org.dragnj.datasets.iterator;

import java.util.SplittableRandom;

/**
 * What random geometric changes an instance may get while training. Which is safe depends on the
 * images: fluorescence microscopy has no up or left, so flips and quarter turns are free variants of
 * the same cell; a digit, a letter or an embryo imaged in a standard orientation changes meaning
 * when flipped or turned (a 6 becomes a 9).
 */
public enum Augmentation {
    /** The images as they are. */
    NONE,
    /** Random horizontal and vertical flips. */
    FLIPS,
    /** Random flips and quarter turns (quarter turns by 90° or 270° only on square images). */
    FLIPS_ROT90;

    /**
     * One random variant of a CHW image, all changes applied as one index map. Draws from {@code rnd}
     * (two flips, then a turn for FLIPS_ROT90) even when the result is the image itself, so that what
     * follows in the same stream does not depend on the outcome.
     */
    float[] apply(float[] chw, int channels, int h, int w, SplittableRandom rnd) {
        if (this == NONE) {
            return chw;
        }
        boolean flipX = rnd.nextBoolean();
        boolean flipY = rnd.nextBoolean();
        int turns = this == FLIPS ? 0 : h == w ? rnd.nextInt(4) : 2 * rnd.nextInt(2);
        if (!flipX && !flipY && turns == 0) {
            return chw;
        }
        float[] out = new float[chw.length];
        for (int c = 0; c < channels; c++) {
            int base = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = flipX ? w - 1 - x : x;
                    int sy = flipY ? h - 1 - y : y;
                    int ty;
                    int tx;
                    switch (turns) {
                        case 1 -> { ty = sx; tx = h - 1 - sy; }
                        case 2 -> { ty = h - 1 - sy; tx = w - 1 - sx; }
                        case 3 -> { ty = w - 1 - sx; tx = sy; }
                        default -> { ty = sy; tx = sx; }
                    }
                    out[base + ty * w + tx] = chw[base + y * w + x];
                }
            }
        }
        return out;
    }
}
