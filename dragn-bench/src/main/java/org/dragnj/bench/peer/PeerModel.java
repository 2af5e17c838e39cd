package org.dragnj.bench.peer;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.BagLayout;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.trunk.Trunk;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole multi-instance models the DJL/PyTorch peer rebuilds, each with the batch of bags both
 * frameworks train and predict on: B bags of equal length n, random pixels, random multi-hot labels.
 *
 * <p>Small trunk: the digit bags' setting (28×28 grey instances, n = 10 around their mean length,
 * 8 bags per step as digits-multi-label, Adam 5e-4 as the digits configs; their weight decay is left
 * out on both sides because DJL's Adam would decay biases and BatchNorm too, which DL4J does not).
 * L2 and L3 run with the unit's BatchNorm, the paper's figure, so the peer also has to reproduce
 * BatchNorm statistics taken over a whole round. ResNet-18 + DRAGN-L1: FlyExpress images at
 * 180×320, 2 bags of 4 (BDGP bags average 3.8 images; 8 images per step is what fits a 2-core step of
 * a few seconds), Adam 1e-4 as the paper.
 */
public enum PeerModel {
    SMALL_DRAGN_L1(Trunk.SMALL_CNN, Aggregation.DRAGN_L1, false, 1, 28, 28, 10, 8, 5e-4),
    SMALL_DRAGN_L2(Trunk.SMALL_CNN, Aggregation.DRAGN_L2, true, 1, 28, 28, 10, 8, 5e-4),
    SMALL_DRAGN_L3(Trunk.SMALL_CNN, Aggregation.DRAGN_L3, true, 1, 28, 28, 10, 8, 5e-4),
    SMALL_MEAN(Trunk.SMALL_CNN, Aggregation.MEAN, false, 1, 28, 28, 10, 8, 5e-4),
    SMALL_GATED_ATTENTION(Trunk.SMALL_CNN, Aggregation.GATED_ATTENTION, false, 1, 28, 28, 10, 8, 5e-4),
    RESNET18_DRAGN_L1(Trunk.RESNET18, Aggregation.DRAGN_L1, false, 3, 180, 320, 4, 2, 1e-4);

    /** Labels of every case (the digits' ten classes, the paper's top-10 terms). */
    public static final int LABELS = 10;
    /** The seed of the batch every benchmark and check feeds. */
    public static final long BATCH_SEED = 7;

    private final Trunk trunk;
    private final Aggregation aggregation;
    private final boolean unitBatchNorm;
    private final int channels;
    private final int height;
    private final int width;
    private final int length;
    private final int bags;
    private final double learningRate;

    PeerModel(Trunk trunk, Aggregation aggregation, boolean unitBatchNorm, int channels, int height, int width,
            int length, int bags, double learningRate) {
        this.trunk = trunk;
        this.aggregation = aggregation;
        this.unitBatchNorm = unitBatchNorm;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.length = length;
        this.bags = bags;
        this.learningRate = learningRate;
    }

    public Trunk trunk() {
        return trunk;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    public boolean unitBatchNorm() {
        return unitBatchNorm;
    }

    /** Instances per bag. */
    public int length() {
        return length;
    }

    /** Bags per step. */
    public int bags() {
        return bags;
    }

    /** [B·n, channels, height, width]. */
    public long[] instanceShape() {
        return new long[] {(long) bags * length, channels, height, width};
    }

    public OptimizerSpec optimizer() {
        return OptimizerSpec.adam(learningRate);
    }

    /** The model as the product builds it (float, seed 42, unit initialised as the window mean). */
    public ModelSpec spec() {
        return ModelSpec.builder().setTrunk(trunk).optAggregation(aggregation).optUnitBatchNorm(unitBatchNorm)
                .setLabels(IntStream.range(0, LABELS).mapToObj(i -> "label" + i).toList())
                .optInputChannels(channels).setInputSize(height, width).optOptimizer(optimizer()).build();
    }

    /** The same batch for a seed on every call: pixels uniform in [0, 1), each label on with probability 1/2. */
    public BagBatch batch(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] shape = instanceShape();
        float[] pixels = new float[Math.toIntExact(shape[0] * shape[1] * shape[2] * shape[3])];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rnd.nextDouble();
        }
        float[] labels = new float[bags * LABELS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextBoolean() ? 1 : 0;
        }
        List<String> ids = IntStream.range(0, bags).mapToObj(b -> "bag" + b).toList();
        return new BagBatch(ids, Nd4j.create(pixels, shape, 'c'), BagLayout.uniform(bags, length).toMask(DataType.FLOAT),
                Nd4j.create(labels, new long[] {bags, LABELS}, 'c'));
    }

    /** "small CNN 28×28 + DRAGN-L2 (unit BN)". */
    public String describe() {
        String t = trunk == Trunk.SMALL_CNN ? "small CNN" : "ResNet-18";
        return String.format(Locale.ROOT, "%s %d×%d + %s%s", t, height, width, aggregation.displayName(),
                unitBatchNorm ? " (unit BN)" : "");
    }
}
