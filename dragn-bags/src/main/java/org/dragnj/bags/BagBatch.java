package org.dragnj.bags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A minibatch of B bags ready for the graph: the instances of all bags packed in bag order
 * [sum of lengths, ...], the bag mask [B, maxLength] (see {@link BagLayout}) and the labels [B, K].
 *
 * @param bagIds    the ids of the B bags, in row order
 * @param instances packed instances, bag b's rows at {@code layout().offset(b)}
 * @param bagMask   ones-then-zeros rows giving each bag's length
 * @param labels    multi-hot targets [B, K], or {@code null} for prediction
 */
public record BagBatch(List<String> bagIds, INDArray instances, INDArray bagMask, INDArray labels) {

    public BagBatch {
        bagIds = List.copyOf(bagIds);
        Objects.requireNonNull(instances, "instances");
        BagLayout layout = BagLayout.fromMask(bagMask);
        if (layout.bags() != bagIds.size()) {
            throw new IllegalArgumentException("the bag mask has " + layout.bags() + " rows but "
                    + bagIds.size() + " bag ids were given");
        }
        layout.requireInstances(instances.size(0));
        if (labels != null && (labels.rank() != 2 || labels.size(0) != layout.bags())) {
            throw new IllegalArgumentException("labels must be [" + layout.bags() + ", K], got "
                    + Arrays.toString(labels.shape()));
        }
    }

    /** Packs bags in the given order. All bags must have the same instance shape and label count. */
    public static BagBatch pack(List<Bag> bags, DataType dataType) {
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("cannot pack an empty list of bags");
        }
        long[] instanceShape = Arrays.copyOfRange(bags.get(0).instances().shape(), 1,
                bags.get(0).instances().rank());
        boolean withLabels = bags.get(0).labels() != null;
        int[] lengths = new int[bags.size()];
        List<String> ids = new ArrayList<>(bags.size());
        for (int b = 0; b < bags.size(); b++) {
            Bag bag = bags.get(b);
            long[] s = Arrays.copyOfRange(bag.instances().shape(), 1, bag.instances().rank());
            if (!Arrays.equals(s, instanceShape)) {
                throw new IllegalArgumentException("bag " + bag.id() + " has instances of shape "
                        + Arrays.toString(s) + " but bag " + bags.get(0).id() + " has "
                        + Arrays.toString(instanceShape) + "; resize the images to one input size");
            }
            if ((bag.labels() != null) != withLabels) {
                throw new IllegalArgumentException("bag " + bag.id() + (withLabels ? " has no labels" : " has labels")
                        + " while bag " + bags.get(0).id() + (withLabels ? " has" : " has none"));
            }
            lengths[b] = bag.length();
            ids.add(bag.id());
        }
        BagLayout layout = new BagLayout(lengths);
        long[] packedShape = new long[instanceShape.length + 1];
        packedShape[0] = layout.totalInstances();
        System.arraycopy(instanceShape, 0, packedShape, 1, instanceShape.length);
        INDArray packed = Nd4j.create(dataType, packedShape);
        int[] offsets = layout.offsets();
        for (int b = 0; b < bags.size(); b++) {
            packed.get(Rows.of(offsets[b], lengths[b], packed.rank()))
                    .assign(bags.get(b).instances().castTo(dataType));
        }
        INDArray labels = withLabels ? labelRows(bags, dataType) : null;
        return new BagBatch(ids, packed, layout.toMask(dataType), labels);
    }

    /**
     * The bags' labels as rows [B, K], assembled on the heap and copied once: a vstack of B rows was
     * half of the bag loader's time for a frozen-trunk head. Doubles hold every label exactly, so the
     * cast gives what casting each row did.
     */
    private static INDArray labelRows(List<Bag> bags, DataType dataType) {
        int k = Math.toIntExact(bags.get(0).labels().length());
        double[] rows = new double[bags.size() * k];
        for (int b = 0; b < bags.size(); b++) {
            double[] row = bags.get(b).labels().toDoubleVector();
            if (row.length != k) {
                throw new IllegalArgumentException("bag " + bags.get(b).id() + " has " + row.length + " labels but bag "
                        + bags.get(0).id() + " has " + k);
            }
            System.arraycopy(row, 0, rows, b * k, k);
        }
        return Nd4j.create(rows, new long[] {bags.size(), k}, 'c').castTo(dataType);
    }

    /**
     * The same bags with each bag's instances in a random order (seeded): the order-dependent
     * aggregations see a different sequence, everything else the same bags.
     */
    public BagBatch withShuffledInstances(SplittableRandom rnd) {
        BagLayout layout = layout();
        int[] rows = new int[layout.totalInstances()];
        for (int b = 0; b < layout.bags(); b++) {
            int offset = layout.offset(b);
            int n = layout.length(b);
            for (int j = 0; j < n; j++) {
                rows[offset + j] = offset + j;
            }
            for (int j = n - 1; j > 0; j--) {
                int k = rnd.nextInt(j + 1);
                int t = rows[offset + j];
                rows[offset + j] = rows[offset + k];
                rows[offset + k] = t;
            }
        }
        INDArray flat = instances.reshape(instances.size(0), -1);
        INDArray reordered = Nd4j.pullRows(flat, 1, rows).reshape(instances.shape());
        return new BagBatch(bagIds, reordered, bagMask, labels);
    }

    public BagLayout layout() {
        return BagLayout.fromMask(bagMask);
    }

    public int size() {
        return bagIds.size();
    }

    /** The graph's view of this batch: features {instances, bag mask}, labels {labels}. */
    public MultiDataSet toMultiDataSet() {
        INDArray[] features = {instances, bagMask};
        INDArray[] labelArrays = labels == null ? null : new INDArray[] {labels};
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labelArrays);
    }
}
