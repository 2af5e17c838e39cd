package org.dragnj.datasets.iterator;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * A {@link BagIterator} as DL4J's MultiDataSetIterator: features {instances, bag mask}, labels
 * {labels}; each {@link #reset()} starts the next epoch (loading already runs ahead, so DL4J's
 * own async wrapper is not needed).
 */
public final class BagMultiDataSetIterator implements MultiDataSetIterator {

    private final BagIterator bags;
    private int epoch;
    private BagIterator.Epoch current;
    private MultiDataSetPreProcessor preProcessor;

    public BagMultiDataSetIterator(BagIterator bags) {
        this.bags = bags;
        this.current = bags.epoch(0);
    }

    public int epoch() {
        return epoch;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by BagLoaderSpec");
    }

    @Override
    public MultiDataSet next() {
        MultiDataSet mds = current.next().toMultiDataSet();
        if (preProcessor != null) {
            preProcessor.preProcess(mds);
        }
        return mds;
    }

    @Override
    public boolean hasNext() {
        return current.hasNext();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        current.close();
        current = bags.epoch(++epoch);
    }
}
