package org.dragnj.experiment.evaluation;

import java.util.SplittableRandom;

import org.dragnj.bags.BagBatch;
import org.dragnj.datasets.random.Seeds;
import org.dragnj.model.BagClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Test-time order averaging for order-dependent aggregations (DRAGN): each bag is scored in
 * {@code orders} random instance orders and the probabilities are averaged, so that no instance is
 * weighed less for sitting at the edge of its bag. Order-invariant aggregations, and {@code orders}
 * of 1, score the bag as it comes.
 *
 * @param orders how many random orders per bag (1: off)
 * @param seed   the orders are drawn from (seed, batch index): reruns agree
 */
public record OrderAveraging(int orders, long seed) {

    /** Every bag in its own order. */
    public static final OrderAveraging NONE = new OrderAveraging(1, 0);

    public OrderAveraging {
        if (orders < 1) {
            throw new IllegalArgumentException("order averaging needs at least one order, got " + orders);
        }
    }

    /** Whether it changes anything for this model. */
    public boolean appliesTo(BagClassifier model) {
        return orders > 1 && model.spec().aggregation().isOrderDependent();
    }

    /** The batch's probabilities [B, K], averaged over the orders where that applies. */
    public INDArray predict(BagClassifier model, BagBatch batch, int batchIndex) {
        if (!appliesTo(model)) {
            return model.predict(batch);
        }
        SplittableRandom rnd = new SplittableRandom(Seeds.of(seed, batchIndex));
        INDArray sum = null;
        for (int k = 0; k < orders; k++) {
            INDArray p = model.predict(batch.withShuffledInstances(rnd));
            sum = sum == null ? p.dup() : sum.addi(p);
        }
        return sum.divi(orders);
    }
}
