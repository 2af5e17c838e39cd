package org.dragnj.bags;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One bag held in memory: its instances as one array [n, channels, height, width] (or
 * [n, features...] for pre-computed features) and its multi-hot label vector [K].
 *
 * @param id        the bag id, unique within a dataset
 * @param instances the bag's instances, first dimension n &ge; 1
 * @param labels    multi-hot targets [K], or {@code null} when the truth is unknown (prediction)
 */
public record Bag(String id, INDArray instances, INDArray labels) {

    public Bag {
        Objects.requireNonNull(id, "bag id");
        Objects.requireNonNull(instances, "instances of bag " + id);
        if (instances.rank() < 2 || instances.size(0) < 1) {
            throw new IllegalArgumentException("bag " + id + " needs instances [n >= 1, ...], got shape "
                    + Arrays.toString(instances.shape()));
        }
        if (labels != null && labels.rank() != 1) {
            throw new IllegalArgumentException("bag " + id + ": labels must be a vector [K], got shape "
                    + Arrays.toString(labels.shape()));
        }
    }

    public int length() {
        return Math.toIntExact(instances.size(0));
    }
}
