package org.dragnj.bags.synthetic;

/**
 * The parameters of a synthetic bag task: each label is a coloured motif that appears in some of
 * the instances of a positive bag, on a noisy textured background with grey distractors.
 *
 * @param classes           number of labels K (at most 24 distinct motifs)
 * @param height            image height in pixels
 * @param width             image width in pixels
 * @param minBagLength      smallest bag length
 * @param maxBagLength      largest bag length
 * @param labelProbability  probability that a label is positive for a bag
 * @param maxEvidence       a positive label's motif is drawn in 1 ... maxEvidence of the bag's instances
 * @param evidence          how a label shows in a bag: whole motifs, or halves spread over instances
 * @param motifScale        motif diameter as a fraction of the shorter image side
 * @param noise             standard deviation of the pixel noise
 * @param seed              seed of the whole task; bag i depends on (seed, i) only
 */
public record SyntheticBagSpec(int classes, int height, int width, int minBagLength, int maxBagLength,
        double labelProbability, int maxEvidence, Evidence evidence, double motifScale, double noise, long seed) {

    /** How a positive label shows in its bag. */
    public enum Evidence {
        /** The whole motif appears in 1 … maxEvidence instances: any one instance is proof. */
        PRESENCE,
        /**
         * The motif's left half appears in one instance and its right half in another; a negative
         * label may still show one half (a decoy) in half of the bags. No single instance decides
         * the label: the evidence must be combined across the bag.
         */
        SPLIT
    }

    public static final int MAX_CLASSES = 24;

    public SyntheticBagSpec {
        require(classes >= 1 && classes <= MAX_CLASSES, "classes must be in 1.." + MAX_CLASSES + ", got " + classes);
        require(height >= 8 && width >= 8, "images must be at least 8x8, got " + height + "x" + width);
        require(minBagLength >= 1 && maxBagLength >= minBagLength,
                "bag lengths must satisfy 1 <= min <= max, got " + minBagLength + ".." + maxBagLength);
        require(labelProbability > 0 && labelProbability < 1,
                "labelProbability must be in (0, 1), got " + labelProbability);
        require(maxEvidence >= 1, "maxEvidence must be >= 1, got " + maxEvidence);
        require(evidence != null, "evidence is required");
        require(motifScale > 0 && motifScale <= 0.5, "motifScale must be in (0, 0.5], got " + motifScale);
        require(noise >= 0, "noise must be >= 0, got " + noise);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with every parameter optional; defaults give a small, quickly learnable task. */
    public static final class Builder {
        private int classes = 3;
        private int height = 32;
        private int width = 32;
        private int minBagLength = 1;
        private int maxBagLength = 6;
        private double labelProbability = 0.35;
        private int maxEvidence = 2;
        private Evidence evidence = Evidence.PRESENCE;
        private double motifScale = 0.25;
        private double noise = 0.05;
        private long seed = 42;

        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        public Builder optImageSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        public Builder optBagLengths(int min, int max) {
            this.minBagLength = min;
            this.maxBagLength = max;
            return this;
        }

        public Builder optLabelProbability(double p) {
            this.labelProbability = p;
            return this;
        }

        public Builder optMaxEvidence(int maxEvidence) {
            this.maxEvidence = maxEvidence;
            return this;
        }

        public Builder optEvidence(Evidence evidence) {
            this.evidence = evidence;
            return this;
        }

        public Builder optMotifScale(double scale) {
            this.motifScale = scale;
            return this;
        }

        public Builder optNoise(double noise) {
            this.noise = noise;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SyntheticBagSpec build() {
            return new SyntheticBagSpec(classes, height, width, minBagLength, maxBagLength, labelProbability,
                    maxEvidence, evidence, motifScale, noise, seed);
        }
    }
}
