package org.dragnj.datasets.iterator;

import java.util.SplittableRandom;

/**
 * Random horizontal and vertical flips and quarter turns of a CHW image, all applied as one index
 * map. Quarter turns by 90° or 270° swap height and width, so non-square images only get 0° or 180°.
 */
final class Augmentation {

    private Augmentation() {
    }

    static float[] apply(float[] chw, int channels, int h, int w, SplittableRandom rnd) {
        boolean flipX = rnd.nextBoolean();
        boolean flipY = rnd.nextBoolean();
        int turns = h == w ? rnd.nextInt(4) : 2 * rnd.nextInt(2);
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
