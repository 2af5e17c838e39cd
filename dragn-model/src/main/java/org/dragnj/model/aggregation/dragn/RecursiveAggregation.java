package org.dragnj.model.aggregation.dragn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.List;

import org.dragnj.model.aggregation.BagVertexImpl;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Algorithm 1 of the paper on a group of bags of equal length n: while n ≥ 3, the n maps become
 * the n − 2 unit outputs of the sliding windows (j, j+1, j+2); two remaining maps are averaged,
 * one remaining map is the result.
 *
 * <p>All windows of a round, of all bags of the group and all C feature channels, go through the
 * unit as one batch [B·(n−2)·C, 3, h, w]: a round costs one convolution call per unit layer
 * whatever n, B and C are.
 */
final class RecursiveAggregation {

    private final AggregationUnit unit;

    RecursiveAggregation(AggregationUnit unit) {
        this.unit = unit;
    }

    /** The forward pass of one group, with what its backward pass needs. */
    static final class Forward implements BagVertexImpl.GroupForward {
        final int bags;
        final int length;
        final long[] mapShape;
        final List<AggregationUnit.Trace> rounds = new ArrayList<>();
        INDArray output;

        Forward(int bags, int length, long[] mapShape) {
            this.bags = bags;
            this.length = length;
            this.mapShape = mapShape;
        }

        @Override
        public INDArray output() {
            return output;
        }
    }

    /** instances [bags·length, C, h, w] → [bags, C, h, w]. */
    Forward forward(INDArray instances, int bags, int length, boolean training) {
        long c = instances.size(1);
        long h = instances.size(2);
        long w = instances.size(3);
        Forward f = new Forward(bags, length, new long[] {c, h, w});
        INDArray current = instances.dup('c').reshape('c', bags, length, c, h, w);
        int m = length;
        while (m >= 3) {
            int windows = m - 2;
            INDArray stacked = Nd4j.create(instances.dataType(), new long[] {bags, windows, c, 3, h, w}, 'c');
            for (int k = 0; k < 3; k++) {
                stacked.get(all(), all(), all(), point(k), all(), all())
                        .assign(current.get(all(), interval(k, k + windows), all(), all(), all()));
            }
            AggregationUnit.Trace t = unit.forward(stacked.reshape('c', (long) bags * windows * c, 3, h, w), training);
            f.rounds.add(t);
            current = t.output.reshape('c', bags, windows, c, h, w);
            m = windows;
        }
        if (m == 2) {
            f.output = current.get(all(), point(0), all(), all(), all())
                    .add(current.get(all(), point(1), all(), all(), all())).muli(0.5);
        } else {
            f.output = current.get(all(), point(0), all(), all(), all()).dup('c');
        }
        return f;
    }

    /** Output gradient [bags, C, h, w] → instance gradient [bags·length, C, h, w]. */
    INDArray backward(Forward f, INDArray outputGradient) {
        long c = f.mapShape[0];
        long h = f.mapShape[1];
        long w = f.mapShape[2];
        int finalLength = f.length - 2 * f.rounds.size();
        INDArray d = Nd4j.create(outputGradient.dataType(), new long[] {f.bags, finalLength, c, h, w}, 'c');
        if (finalLength == 2) {
            INDArray half = outputGradient.mul(0.5);
            d.get(all(), point(0), all(), all(), all()).assign(half);
            d.get(all(), point(1), all(), all(), all()).assign(half);
        } else {
            d.get(all(), point(0), all(), all(), all()).assign(outputGradient);
        }
        for (int r = f.rounds.size() - 1; r >= 0; r--) {
            int windows = (int) d.size(1);
            INDArray unitGrad = unit.backward(f.rounds.get(r), d.reshape('c', (long) f.bags * windows * c, 1, h, w));
            INDArray stackedGrad = unitGrad.reshape('c', f.bags, windows, c, 3, h, w);
            INDArray previous = Nd4j.create(outputGradient.dataType(), new long[] {f.bags, windows + 2, c, h, w}, 'c');
            for (int k = 0; k < 3; k++) {
                previous.get(all(), interval(k, k + windows), all(), all(), all())
                        .addi(stackedGrad.get(all(), all(), all(), point(k), all(), all()));
            }
            d = previous;
        }
        return d.reshape('c', (long) f.bags * f.length, c, h, w);
    }
}
