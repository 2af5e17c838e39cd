package org.dragnj.datasets.iterator;

/** Seeds derived from (seed, epoch, index) with SplitMix64 mixing, so that streams are independent. */
final class Seeds {

    private Seeds() {
    }

    static long of(long... parts) {
        long z = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            z = mix(z ^ p) + 0x9E3779B97F4A7C15L;
        }
        return z;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
