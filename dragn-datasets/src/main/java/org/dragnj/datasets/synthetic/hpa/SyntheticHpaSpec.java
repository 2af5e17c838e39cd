package org.dragnj.datasets.synthetic.hpa;

/**
 * Parameters of a synthetic HPA-like data set: square multi-channel fluorescence fields of cells, one
 * bag per "protein", several labels per bag.
 *
 * @param imageSize             side of each square field in pixels (e.g. 512, 1024, 2048)
 * @param bags                  number of bags
 * @param minImagesPerBag       fewest images in a bag
 * @param maxImagesPerBag       most images in a bag
 * @param minCellsPerImage      fewest cells in a field
 * @param maxCellsPerImage      most cells in a field
 * @param cellRadius            mean cell radius as a fraction of the field side (scale-free, so a
 *                              1024² field looks like a 512² field at twice the resolution)
 * @param minLabelsPerBag       fewest positive labels of a bag
 * @param maxLabelsPerBag       most positive labels of a bag
 * @param showProbability       probability that a cell shows a given label of its bag; every label is
 *                              still shown by at least one cell of the bag, so the bag stays informative
 * @param decoyProbability      probability that a cell shows a faint pattern that is not a label of its
 *                              bag (single crops are then ambiguous)
 * @param outOfFocusProbability probability that a whole field is out of focus (blurred)
 * @param noise                 standard deviation of the additive pixel noise, in units of full scale
 * @param sixteenBit            write 16-bit PNGs instead of 8-bit
 * @param seed                  seed of the whole data set; bag b depends on (seed, b) only
 */
public record SyntheticHpaSpec(int imageSize, int bags, int minImagesPerBag, int maxImagesPerBag,
        int minCellsPerImage, int maxCellsPerImage, double cellRadius, int minLabelsPerBag, int maxLabelsPerBag,
        double showProbability, double decoyProbability, double outOfFocusProbability, double noise,
        boolean sixteenBit, long seed) {

    /** Cells may cover at most this share of a field, so that rejection sampling always places them. */
    static final double MAX_COVER = 0.5;

    public SyntheticHpaSpec {
        require(imageSize >= 64, "imageSize must be >= 64 pixels, got " + imageSize);
        require(bags >= 1, "bags must be >= 1, got " + bags);
        require(minImagesPerBag >= 1 && maxImagesPerBag >= minImagesPerBag,
                "images per bag must satisfy 1 <= min <= max, got " + minImagesPerBag + ".." + maxImagesPerBag);
        require(minCellsPerImage >= 1 && maxCellsPerImage >= minCellsPerImage,
                "cells per image must satisfy 1 <= min <= max, got " + minCellsPerImage + ".." + maxCellsPerImage);
        require(cellRadius > 0 && cellRadius <= 0.25, "cellRadius must be in (0, 0.25], got " + cellRadius);
        require(cellRadius * imageSize >= 8, "cells would be smaller than 8 pixels in radius (cellRadius "
                + cellRadius + " x imageSize " + imageSize + "); raise either");
        double cover = maxCellsPerImage * Math.PI * Math.pow(SyntheticHpaPlanner.MIN_DISTANCE / 2 * cellRadius, 2);
        require(cover <= MAX_COVER, maxCellsPerImage + " cells of radius " + cellRadius
                + " do not fit in a field without overlapping; lower maxCellsPerImage or cellRadius");
        int k = HpaPattern.values().length;
        require(minLabelsPerBag >= 1 && maxLabelsPerBag >= minLabelsPerBag && maxLabelsPerBag <= k,
                "labels per bag must satisfy 1 <= min <= max <= " + k + ", got " + minLabelsPerBag + ".."
                        + maxLabelsPerBag);
        require(showProbability > 0 && showProbability <= 1, "showProbability must be in (0, 1], got " + showProbability);
        require(decoyProbability >= 0 && decoyProbability < 1, "decoyProbability must be in [0, 1), got "
                + decoyProbability);
        require(outOfFocusProbability >= 0 && outOfFocusProbability <= 1,
                "outOfFocusProbability must be in [0, 1], got " + outOfFocusProbability);
        require(noise >= 0 && noise < 0.5, "noise must be in [0, 0.5), got " + noise);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mean cell radius in pixels. */
    public double cellRadiusPixels() {
        return cellRadius * imageSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every parameter is optional; the defaults give small 512² fields of 8-14 cells, 2-4 per bag. */
    public static final class Builder {
        private int imageSize = 512;
        private int bags = 6;
        private int minImagesPerBag = 2;
        private int maxImagesPerBag = 4;
        private int minCellsPerImage = 8;
        private int maxCellsPerImage = 14;
        private double cellRadius = 0.065;
        private int minLabelsPerBag = 1;
        private int maxLabelsPerBag = 3;
        private double showProbability = 0.5;
        private double decoyProbability = 0.1;
        private double outOfFocusProbability = 0.2;
        private double noise = 0.03;
        private boolean sixteenBit;
        private long seed = 42;

        public Builder optImageSize(int pixels) {
            this.imageSize = pixels;
            return this;
        }

        public Builder optBags(int bags) {
            this.bags = bags;
            return this;
        }

        public Builder optImagesPerBag(int min, int max) {
            this.minImagesPerBag = min;
            this.maxImagesPerBag = max;
            return this;
        }

        public Builder optCellsPerImage(int min, int max) {
            this.minCellsPerImage = min;
            this.maxCellsPerImage = max;
            return this;
        }

        public Builder optCellRadius(double fractionOfSide) {
            this.cellRadius = fractionOfSide;
            return this;
        }

        public Builder optLabelsPerBag(int min, int max) {
            this.minLabelsPerBag = min;
            this.maxLabelsPerBag = max;
            return this;
        }

        public Builder optShowProbability(double p) {
            this.showProbability = p;
            return this;
        }

        public Builder optDecoyProbability(double p) {
            this.decoyProbability = p;
            return this;
        }

        public Builder optOutOfFocusProbability(double p) {
            this.outOfFocusProbability = p;
            return this;
        }

        public Builder optNoise(double sigma) {
            this.noise = sigma;
            return this;
        }

        public Builder optSixteenBit(boolean sixteenBit) {
            this.sixteenBit = sixteenBit;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SyntheticHpaSpec build() {
            return new SyntheticHpaSpec(imageSize, bags, minImagesPerBag, maxImagesPerBag, minCellsPerImage,
                    maxCellsPerImage, cellRadius, minLabelsPerBag, maxLabelsPerBag, showProbability, decoyProbability,
                    outOfFocusProbability, noise, sixteenBit, seed);
        }
    }
}
