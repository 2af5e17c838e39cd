package org.dragnj.datasets.bdgp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.dragnj.bags.manifest.Split;

/**
 * How BDGP bags are divided into train, val and test. Both schemes shuffle the bag ids, sorted,
 * with NumPy's legacy shuffle ({@link NumpyShuffle}) and cut the shuffled list into three
 * consecutive parts with Python's {@code int(n * fraction)} boundaries, as the authors' code does;
 * they differ only in the fractions and the order of the parts. A bag (gene × stage group) lands in
 * exactly one part.
 */
public enum SplitScheme {
    /** The paper's text, 5:4:1: train = first ⌊0.5n⌋, val = up to ⌊0.9n⌋, test = the rest. */
    PAPER_5_4_1(0.5, 0.9),
    /**
     * The authors' code, 40/10/50: train = first ⌊0.4n⌋, val = up to ⌊0.5n⌋, test = the rest
     * (their {@code split_train_val_test}, with their seed {@value BdgpBaggingSpec#AUTHORS_SEED}).
     */
    AUTHORS_CODE_40_10_50(0.4, 0.5);

    /** Where train ends and where val ends, as fractions of the bag count. */
    private final double trainCut;
    private final double valCut;

    SplitScheme(double trainCut, double valCut) {
        this.trainCut = trainCut;
        this.valCut = valCut;
    }

    /** The nominal fraction of bags in each split. */
    public Map<Split, Double> fractions() {
        Map<Split, Double> f = new EnumMap<>(Split.class);
        f.put(Split.TRAIN, trainCut);
        f.put(Split.VAL, Math.round((valCut - trainCut) * 1e9) / 1e9);
        f.put(Split.TEST, Math.round((1 - valCut) * 1e9) / 1e9);
        return f;
    }

    /**
     * Splits bag ids: sorts them, shuffles them with {@code seed}, cuts. Each list keeps the shuffled
     * order. Deterministic in (ids as a set, seed).
     */
    public Map<Split, List<String>> split(List<String> ids, long seed) {
        List<String> shuffled = NumpyShuffle.shuffle(ids.stream().sorted().toList(), seed);
        int n = shuffled.size();
        // The same double products as Python's int(len(sids) * 0.4) etc., so the cuts match exactly.
        int trainEnd = (int) (n * trainCut);
        int valEnd = (int) (n * valCut);
        Map<Split, List<String>> out = new EnumMap<>(Split.class);
        out.put(Split.TRAIN, List.copyOf(shuffled.subList(0, trainEnd)));
        out.put(Split.VAL, List.copyOf(shuffled.subList(trainEnd, valEnd)));
        out.put(Split.TEST, List.copyOf(shuffled.subList(valEnd, n)));
        return out;
    }
}
