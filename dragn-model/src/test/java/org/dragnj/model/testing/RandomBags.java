package org.dragnj.model.testing;

import java.util.ArrayList;
import java.util.List;

import org.dragnj.bags.Bag;
import org.dragnj.bags.BagBatch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random bags and batches of given lengths, reproducible from a seed. */
public final class RandomBags {

    private RandomBags() {
    }

    /** One batch whose bag b has {@code lengths[b]} instances [channels, h, w] and random 0/1 labels. */
    public static BagBatch batch(DataType dt, long seed, int channels, int h, int w, int labels, int... lengths) {
        return BagBatch.pack(bags(dt, seed, channels, h, w, labels, lengths), dt);
    }

    public static List<Bag> bags(DataType dt, long seed, int channels, int h, int w, int labels, int... lengths) {
        Nd4j.getRandom().setSeed(seed);
        List<Bag> bags = new ArrayList<>();
        for (int b = 0; b < lengths.length; b++) {
            INDArray x = Nd4j.rand(dt, lengths[b], channels, h, w).subi(0.5).muli(2);
            INDArray y = Nd4j.rand(dt, labels).gt(0.5).castTo(dt);
            bags.add(new Bag("bag-" + b, x, y));
        }
        return bags;
    }
}
