package org.dragnj.bags.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A seeded division of bags into train, val and test by fractions, e.g. 0.6 / 0.2 / 0.2. The ids are
 * sorted, shuffled with the seed and cut at ⌊n·train⌋ and ⌊n·(train + val)⌋, so the result depends on
 * the set of ids and the seed only: a rerun, or a rerun over the same ids in another order, agrees.
 */
public record SplitFractions(double train, double val, double test, long seed) implements java.io.Serializable {

    public SplitFractions {
        if (!(train >= 0 && train <= 1 && val >= 0 && val <= 1 && test >= 0 && test <= 1)
                || Math.abs(train + val + test - 1) > 1e-6) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "split fractions are three fractions of"
                    + " train, val and test that sum to 1, e.g. 0.6,0.2,0.2; got %s,%s,%s", train, val, test));
        }
    }

    /** @param fractions train, val, test */
    public static SplitFractions of(double[] fractions, long seed) {
        if (fractions.length != 3) {
            throw new IllegalArgumentException("split fractions are TRAIN,VAL,TEST, three numbers; got "
                    + fractions.length);
        }
        return new SplitFractions(fractions[0], fractions[1], fractions[2], seed);
    }

    /** The split of each id. */
    public Map<String, Split> assign(Collection<String> ids) {
        List<String> order = new ArrayList<>(ids.stream().distinct().sorted().toList());
        Collections.shuffle(order, new Random(seed));
        int n = order.size();
        int trainEnd = (int) (n * train);
        int valEnd = Math.min(n, (int) (n * (train + val)));
        Map<String, Split> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(order.get(i), i < trainEnd ? Split.TRAIN : i < valEnd ? Split.VAL : Split.TEST);
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s,%s,%s (seed %d)", train, val, test, seed);
    }
}
