package org.dragnj.datasets.iterator;

import org.dragnj.bags.ChannelOrder;

/**
 * How bags are read for training or evaluation.
 *
 * @param batchSize       bags per batch (the last batch of a length bucket may be smaller)
 * @param height          instance height after resizing
 * @param width           instance width after resizing
 * @param channels        instance channels (1 grey, 3 colour, 4 for four-channel fluorescence)
 * @param channelOrder    order of 3- and 4-channel arrays (RGB for new models; BGR for models saved before
 *                        the order was recorded)
 * @param normalization   pixel scaling
 * @param shuffle         shuffle bags within and batches across length buckets anew every epoch (training)
 * @param shuffleInstances shuffle each bag's instance order anew every epoch (training; order-dependent
 *                        aggregations such as DRAGN then see every instance in every position)
 * @param augmentation    random geometric changes per instance
 * @param maxBagLength    cap: a longer bag is randomly subsampled to this many instances each epoch; 0 = no cap
 * @param prefetchBatches batches loaded ahead on a background thread; 0 loads on the caller's thread
 * @param seed            everything random derives from (seed, epoch, bag): runs repeat exactly
 */
public record BagLoaderSpec(int batchSize, int height, int width, int channels, ChannelOrder channelOrder,
        Normalization normalization,
        boolean shuffle, boolean shuffleInstances, Augmentation augmentation, int maxBagLength, int prefetchBatches,
        long seed) {

    public BagLoaderSpec {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("channels must be 1, 3 or 4, got " + channels);
        }
        if (maxBagLength < 0 || prefetchBatches < 0) {
            throw new IllegalArgumentException("maxBagLength and prefetchBatches must be >= 0");
        }
        if (normalization == null || augmentation == null || channelOrder == null) {
            throw new IllegalArgumentException("channel order, normalization and augmentation are required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Evaluation settings: manifest order, no augmentation. */
    public BagLoaderSpec forEvaluation() {
        return new BagLoaderSpec(batchSize, height, width, channels, channelOrder, normalization, false, false, Augmentation.NONE,
                maxBagLength, prefetchBatches, seed);
    }

    /** The same, without augmentation (shuffling stays). */
    public BagLoaderSpec withoutAugmentation() {
        return new BagLoaderSpec(batchSize, height, width, channels, channelOrder, normalization, shuffle, shuffleInstances,
                Augmentation.NONE, maxBagLength, prefetchBatches, seed);
    }

    /**
     * Required: input size. Defaults: batch 8, 3 channels in RGB order, unit scaling, bags and instances shuffled, no
     * augmentation, no cap, 2 batches ahead.
     */
    public static final class Builder {
        private int batchSize = 8;
        private int height;
        private int width;
        private int channels = 3;
        private ChannelOrder channelOrder = ChannelOrder.RGB;
        private Normalization normalization = Normalization.UNIT;
        private boolean shuffle = true;
        private boolean shuffleInstances = true;
        private Augmentation augmentation = Augmentation.NONE;
        private int maxBagLength;
        private int prefetchBatches = 2;
        private long seed = 42;

        public Builder setImageSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optChannelOrder(ChannelOrder order) {
            this.channelOrder = order;
            return this;
        }

        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder optShuffleInstances(boolean shuffleInstances) {
            this.shuffleInstances = shuffleInstances;
            return this;
        }

        public Builder optAugmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public Builder optMaxBagLength(int max) {
            this.maxBagLength = max;
            return this;
        }

        public Builder optPrefetchBatches(int batches) {
            this.prefetchBatches = batches;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public BagLoaderSpec build() {
            return new BagLoaderSpec(batchSize, height, width, channels, channelOrder, normalization, shuffle, shuffleInstances,
                    augmentation, maxBagLength, prefetchBatches, seed);
        }
    }
}
