package org.dragnj.datasets.bdgp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shuffle of NumPy's legacy global generator: {@code np.random.seed(seed); np.random.shuffle(x)}.
 * The authors' code draws its BDGP split this way (seed 286501567), so doing exactly the same
 * draws reproduces their split from the same sorted bag list. MT19937 seeded by {@code init_genrand},
 * Fisher–Yates from the end, each index drawn by masked rejection sampling on 32-bit outputs
 * (NumPy's {@code random_interval}).
 */
final class NumpyShuffle {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index = N;

    private NumpyShuffle(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a NumPy seed must be in 0 .. 2^32-1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    /** A shuffled copy of {@code items}, as NumPy's legacy {@code shuffle} after {@code seed(seed)} orders them. */
    static <T> List<T> shuffle(List<T> items, long seed) {
        NumpyShuffle rng = new NumpyShuffle(seed);
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, (int) rng.interval(i));
        }
        return out;
    }

    /** Uniform in 0..max inclusive. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUInt32() & mask;
        } while (value > max);
        return value;
    }

    long nextUInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) == 0 ? next : next ^ 0x9908B0DF;
        }
        index = 0;
    }
}
