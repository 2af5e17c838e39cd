package org.dragnj.datasets.digits;

/**
 * A bag task built from real digits (the multi-instance benchmark of Ilse, Tomczak and Welling 2018,
 * and a multi-label variant). Bag lengths are drawn as ⌊N(meanLength, sdLength)⌋, at least 1, as in
 * the reference code.
 *
 * @param task         which task
 * @param trainBags    bags drawn from the training pool for training
 * @param valBags      bags drawn from the training pool for model selection
 * @param testBags     bags drawn from the held-apart pool
 * @param meanLength   mean bag length
 * @param sdLength     standard deviation of the bag length
 * @param targetDigit  KEY_INSTANCE: a bag is positive when it holds this digit
 * @param minLabels    MULTI_LABEL: fewest labels per bag
 * @param maxLabels    MULTI_LABEL: most labels per bag (of the ten digits)
 * @param occlusion    MULTI_LABEL: probability that an instance has a random square of a third of its side
 *                     blacked out
 * @param noise        MULTI_LABEL: standard deviation of additive pixel noise, on the [0, 1] scale
 * @param seed         bags, their lengths and contents derive from it
 */
public record DigitBagSpec(DigitBagTask task, int trainBags, int valBags, int testBags, double meanLength,
        double sdLength, int targetDigit, int minLabels, int maxLabels, double occlusion, double noise, long seed) {

    public DigitBagSpec {
        if (task == null) {
            throw new IllegalArgumentException("a digit bag task is required");
        }
        if (trainBags < 1 || valBags < 1 || testBags < 1) {
            throw new IllegalArgumentException("train, val and test need at least one bag each");
        }
        if (meanLength < 1 || sdLength < 0) {
            throw new IllegalArgumentException("bag length mean must be >= 1 and its sd >= 0");
        }
        if (targetDigit < 0 || targetDigit > 9) {
            throw new IllegalArgumentException("the target digit is 0-9, got " + targetDigit);
        }
        if (minLabels < 1 || maxLabels < minLabels || maxLabels > 10) {
            throw new IllegalArgumentException("labels per bag must satisfy 1 <= min <= max <= 10");
        }
        if (occlusion < 0 || occlusion > 1 || noise < 0) {
            throw new IllegalArgumentException("occlusion is a probability and noise a non-negative sd");
        }
    }

    /** Ilse et al.'s setting: target 9, length N(10, 2), 200 training bags, 1,000 test bags (50 to validate). */
    public static DigitBagSpec keyInstance(long seed) {
        return new DigitBagSpec(DigitBagTask.KEY_INSTANCE, 200, 50, 1000, 10, 2, 9, 1, 1, 0, 0, seed);
    }

    /** Ten labels, 1–3 per bag, every instance a digit of one of its bag's labels, half of them occluded, noised. */
    public static DigitBagSpec multiLabel(long seed) {
        return new DigitBagSpec(DigitBagTask.MULTI_LABEL, 300, 75, 1000, 10, 2, 9, 1, 3, 0.5, 0.2, seed);
    }

    public DigitBagSpec withSizes(int train, int val, int test) {
        return new DigitBagSpec(task, train, val, test, meanLength, sdLength, targetDigit, minLabels, maxLabels,
                occlusion, noise, seed);
    }
}
