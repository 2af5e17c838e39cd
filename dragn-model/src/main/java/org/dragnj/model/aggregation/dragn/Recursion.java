package org.dragnj.model.aggregation.dragn;

/**
 * How much work Algorithm 1 does for a bag of n instances (docs/design.md §2). A round turns m maps
 * into m − 2, one unit application per window of three, while m ≥ 3; two maps left are averaged,
 * one is the result. So a bag takes r = ⌊(n−1)/2⌋ rounds and Σ_{k<r} (n − 2 − 2k) = r·(n − 1 − r)
 * unit applications: (n−1)²/4 for odd n, n(n−2)/4 for even n, "about n²/4".
 */
public final class Recursion {

    private Recursion() {
    }

    /** Rounds for a bag of n: ⌊(n−1)/2⌋ (0 for n ≤ 2). */
    public static int rounds(int n) {
        requireLength(n);
        return n < 3 ? 0 : (n - 1) / 2;
    }

    /** Unit applications (windows over all rounds): r·(n − 1 − r) with r the rounds. */
    public static long unitApplications(int n) {
        int r = rounds(n);
        return (long) r * (n - 1 - r);
    }

    /** The "about n²/4" of docs/design.md §2. */
    public static double quarterSquare(int n) {
        return n * (double) n / 4;
    }

    /** Whether the last step is the mean of two maps (n even). */
    public static boolean endsWithMean(int n) {
        requireLength(n);
        return n % 2 == 0;
    }

    private static void requireLength(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a bag has at least one instance, got n = " + n);
        }
    }
}
