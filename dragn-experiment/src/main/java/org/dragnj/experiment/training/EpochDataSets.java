package org.dragnj.experiment.training;

import java.util.function.Function;

import org.dragnj.bags.BagBatch;
import org.dragnj.datasets.iterator.BagIterator;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * One epoch of bag batches as DL4J training data, for ParallelWrapper: each batch becomes what the
 * model trains on ({@code DragnModel#trainingData}). One pass only: an epoch is not reset, the
 * next epoch is a new iterator (its order is a function of the seed and the epoch).
 */
final class EpochDataSets implements MultiDataSetIterator {

    private final BagIterator.Epoch batches;
    private final Function<BagBatch, MultiDataSet> toData;

    EpochDataSets(BagIterator.Epoch batches, Function<BagBatch, MultiDataSet> toData) {
        this.batches = batches;
        this.toData = toData;
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public MultiDataSet next() {
        return toData.apply(batches.next());
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("an epoch is read once; ask the bag iterator for the next epoch");
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("bags are prepared by the bag iterator");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }
}
