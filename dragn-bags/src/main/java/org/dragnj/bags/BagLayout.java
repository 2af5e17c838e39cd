package org.dragnj.bags;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the instances of a minibatch of bags are packed: bag {@code b} owns the {@code lengths[b]}
 * consecutive instance rows starting at {@link #offset(int)}.
 *
 * <p>On the graph this travels as the <em>bag mask</em> [B, maxLength]: row b holds
 * {@code lengths[b]} ones followed by zeros. The mask is a graph input rather than a field of the
 * aggregation vertex so that one graph (one set of weights, one optimizer state) serves every bag
 * length, and bags of different lengths can share a minibatch.
 */
public record BagLayout(int[] lengths) {

    public BagLayout {
        if (lengths == null || lengths.length == 0) {
            throw new IllegalArgumentException("a bag layout needs at least one bag");
        }
        lengths = lengths.clone();
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1) {
                throw new IllegalArgumentException("bag " + b + " of the minibatch is empty (length "
                        + lengths[b] + "); every bag needs at least one instance");
            }
        }
    }

    /** All {@code bags} bags have {@code length} instances. */
    public static BagLayout uniform(int bags, int length) {
        int[] l = new int[bags];
        Arrays.fill(l, length);
        return new BagLayout(l);
    }

    /**
     * Reads a bag mask [B, maxLength]. Each row must be ones followed by zeros, with at least one
     * one: padding inside a bag has no meaning for an order-dependent aggregation.
     */
    public static BagLayout fromMask(INDArray mask) {
        if (mask == null || mask.rank() != 2) {
            throw new IllegalArgumentException("the bag mask must be a matrix [bags, maxBagLength], got "
                    + (mask == null ? "null" : Arrays.toString(mask.shape())));
        }
        int bags = Math.toIntExact(mask.size(0));
        int width = Math.toIntExact(mask.size(1));
        // one read of a 'c' copy: toDoubleMatrix() of an offset view can come back wrong in ND4J M2.1, and it
        // reads row by row (an ND4J view per row, on every training step)
        double[] values = mask.isEmpty() ? new double[0] : mask.dup('c').reshape(mask.length()).toDoubleVector();
        int[] lengths = new int[bags];
        for (int b = 0; b < bags; b++) {
            int len = 0;
            boolean ended = false;
            for (int j = 0; j < width; j++) {
                double v = values[b * width + j];
                if (v == 1.0 && !ended) {
                    len++;
                } else if (v == 0.0) {
                    ended = true;
                } else {
                    throw new IllegalArgumentException("bag mask row " + b + " is "
                            + Arrays.toString(Arrays.copyOfRange(values, b * width, (b + 1) * width))
                            + "; a row must be ones followed by zeros (the bag's instances come first)");
                }
            }
            lengths[b] = len;
        }
        return new BagLayout(lengths);
    }

    public int bags() {
        return lengths.length;
    }

    public int length(int bag) {
        return lengths[bag];
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    public int totalInstances() {
        return IntStream.of(lengths).sum();
    }

    public int maxLength() {
        return IntStream.of(lengths).max().orElseThrow();
    }

    /** Row of the first instance of {@code bag} in the packed instance array. */
    public int offset(int bag) {
        int o = 0;
        for (int b = 0; b < bag; b++) {
            o += lengths[b];
        }
        return o;
    }

    public int[] offsets() {
        int[] o = new int[lengths.length];
        for (int b = 1; b < lengths.length; b++) {
            o[b] = o[b - 1] + lengths[b - 1];
        }
        return o;
    }

    public boolean isUniform() {
        return IntStream.of(lengths).allMatch(l -> l == lengths[0]);
    }

    /** Bag indices grouped by bag length, lengths in increasing order. */
    public Map<Integer, int[]> bagsByLength() {
        Map<Integer, int[]> out = new LinkedHashMap<>();
        IntStream.of(lengths).distinct().sorted().forEach(len -> out.put(len,
                IntStream.range(0, lengths.length).filter(b -> lengths[b] == len).toArray()));
        return out;
    }

    public INDArray toMask(DataType dataType) {
        INDArray mask = Nd4j.zeros(dataType, lengths.length, maxLength());
        for (int b = 0; b < lengths.length; b++) {
            for (int j = 0; j < lengths[b]; j++) {
                mask.putScalar(b, j, 1.0);
            }
        }
        return mask;
    }

    /** Checks that an instance array of {@code instanceRows} rows is packed by this layout. */
    public void requireInstances(long instanceRows) {
        if (instanceRows != totalInstances()) {
            throw new IllegalArgumentException("the bag mask describes " + bags() + " bags with "
                    + totalInstances() + " instances in all (lengths " + Arrays.toString(lengths)
                    + ") but the instance array has " + instanceRows + " rows");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BagLayout other && Arrays.equals(lengths, other.lengths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lengths);
    }

    @Override
    public String toString() {
        return "BagLayout" + Arrays.toString(lengths);
    }
}
