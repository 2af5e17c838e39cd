package org.dragnj.bench.aggregation;

import java.util.OptionalDouble;
import java.util.function.Function;

import org.dragnj.model.aggregation.Aggregation;
import org.dragnj.model.aggregation.BagVertex;

/**
 * The analytic FLOPs of aggregating one bag, as each aggregation's vertex counts them (see
 * {@code BagVertex.forwardFlops} for the conventions), for the rates and shares of peak the
 * benchmarks report. DRAGN's counts grow with Algorithm 1's unit applications; the parameter-free
 * baselines are memory-bound, so their FLOP rates are small by nature.
 */
public final class AggregationCost {

    private AggregationCost() {
    }

    /** Forward FLOPs of aggregating one bag of n maps of {@code shape} = {C, h, w}. */
    public static double forwardFlops(Aggregation aggregation, int n, long[] shape) {
        return count(aggregation, v -> v.forwardFlops(n, shape));
    }

    /** Forward+backward FLOPs. */
    public static double forwardBackwardFlops(Aggregation aggregation, int n, long[] shape) {
        return count(aggregation, v -> v.forwardBackwardFlops(n, shape));
    }

    private static double count(Aggregation aggregation, Function<BagVertex, OptionalDouble> flops) {
        if (!aggregation.hasVertex()) {
            throw new IllegalArgumentException("no FLOP count for " + aggregation + ": it has no aggregation vertex");
        }
        return flops.apply(aggregation.createVertex(Aggregation.VertexSettings.detached()))
                .orElseThrow(() -> new IllegalArgumentException("no FLOP count for " + aggregation));
    }
}
