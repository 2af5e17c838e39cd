package org.dragnj.datasets.synthetic.flyexpress;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from names, so that what is drawn for an image, a bag or a term depends on that
 * name and the run's seed only — never on which other images are drawn, or in what order.
 */
final class Seeds {

    private Seeds() {
    }

    /** A well-mixed seed from the run seed and any number of names (FNV-1a over UTF-8, then SplitMix64). */
    static long of(long seed, Object... parts) {
        long h = 0xCBF29CE484222325L ^ mix(seed);
        for (Object part : parts) {
            for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xFF)) * 0x100000001B3L;
            }
            h = (h ^ 0xFF) * 0x100000001B3L; // separator: ("ab","c") and ("a","bc") differ
        }
        return mix(h);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, 1) from a seed and an integer index, without creating a generator. */
    static double unit(long seed, long index) {
        return (mix(seed + index * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
    }
}
