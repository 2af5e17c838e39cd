package org.dragnj.datasets.random;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from a run's seed and what is being drawn — (epoch, bag index) numbers, or names —
 * so that what is drawn for one epoch, bag, image or term depends on those alone: never on which
 * others are drawn, or in what order. Every derivation ends in SplitMix64's finaliser, so nearby
 * inputs give independent streams.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A seed from numbers, e.g. (run seed, epoch, bag index). */
    public static long of(long... parts) {
        long z = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            z = mix(z ^ p) + 0x9E3779B97F4A7C15L;
        }
        return z;
    }

    /** A seed from the run seed and any number of names (FNV-1a over UTF-8, then SplitMix64). */
    public static long named(long seed, Object... parts) {
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
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in [0, 1) from a seed and an integer index, without creating a generator. */
    public static double unit(long seed, long index) {
        return (mix(seed + index * 0x9E3779B97F4A7C15L) >>> 11) * 0x1.0p-53;
    }
}
