package org.dragnj.bags;

import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Index helpers for the leading (minibatch) axis of packed instance arrays. */
public final class Rows {

    private Rows() {
    }

    /** Selects rows [from, from + count) and everything on the other axes of a rank-{@code rank} array. */
    public static INDArrayIndex[] of(long from, long count, int rank) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        idx[0] = NDArrayIndex.interval(from, from + count);
        for (int i = 1; i < rank; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return idx;
    }
}
