package org.dragnj.experiment.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.datasets.iterator.InstanceSource;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.io.ModelFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frozen-trunk training, all of it: the trunk's features of every instance are computed once into
 * the shared {@link FeatureCache}, only aggregation and head train on them (unaugmented), and each
 * checkpoint holds the assembled whole model plus the head's optimizer state, which the whole model's
 * file does not carry.
 */
public final class FrozenTrunkTraining implements TrainingTarget {

    private static final Logger LOG = LoggerFactory.getLogger(FrozenTrunkTraining.class);
    /** The optimizer state of the head (the model file holds the whole model's). */
    static final String HEAD_UPDATER_ENTRY = "dragn/head-updater.bin";

    private final FrozenTrunk trunk;
    private final Bags bags;

    private FrozenTrunkTraining(FrozenTrunk trunk, Bags bags) {
        this.trunk = trunk;
        this.bags = bags;
    }

    /**
     * Splits {@code model} at its trunk and makes sure the cache under {@code cacheRoot} holds the
     * features of every instance of {@code splits} (extracting the missing ones).
     */
    public static FrozenTrunkTraining prepare(DragnModel model, Manifest manifest, Map<Split, List<BagRecord>> splits,
            BagLoaderSpec loaderSpec, Path cacheRoot, ProgressListener progress) throws IOException {
        return prepare(model, manifest, splits, loaderSpec, cacheRoot, progress, FeatureCache.LOCAL);
    }

    /** As {@link #prepare(DragnModel, Manifest, Map, BagLoaderSpec, Path, ProgressListener)}, the missing features computed by {@code extraction}. */
    public static FrozenTrunkTraining prepare(DragnModel model, Manifest manifest, Map<Split, List<BagRecord>> splits,
            BagLoaderSpec loaderSpec, Path cacheRoot, ProgressListener progress, FeatureCache.Extraction extraction)
            throws IOException {
        FrozenTrunk trunk = FrozenTrunk.of(model);
        List<BagRecord> all = new ArrayList<>();
        splits.values().forEach(all::addAll);
        FeatureCache.Prepared prepared = FeatureCache.prepare(trunk, manifest, all, cacheRoot, progress, extraction);
        LOG.info(String.format(Locale.ROOT, "frozen trunk: features of %d images in %s (%d extracted in %.1f s, %d"
                + " reused); augmentation is off", prepared.extracted() + prepared.reused(), prepared.store().folder(),
                prepared.extracted(), prepared.seconds(), prepared.reused()));
        InstanceSource features = prepared.store().source(manifest);
        BagLoaderSpec eval = loaderSpec.forEvaluation();
        Bags bags = new Bags(new BagIterator(manifest, splits.get(Split.TRAIN), loaderSpec.withoutAugmentation(), features),
                new BagIterator(manifest, splits.get(Split.VAL), eval, features),
                new BagIterator(manifest, splits.get(Split.TEST), eval, features));
        return new FrozenTrunkTraining(trunk, bags);
    }

    @Override
    public BagClassifier classifier() {
        return trunk.head();
    }

    @Override
    public Bags bags() {
        return bags;
    }

    @Override
    public void save(Path file, Map<String, byte[]> entries) throws IOException {
        Map<String, byte[]> all = new HashMap<>(entries);
        all.put(HEAD_UPDATER_ENTRY, trunk.headUpdaterState());
        trunk.assemble().save(file, all);
    }

    @Override
    public void restore(Path checkpoint) throws IOException {
        byte[] state = ModelFiles.readEntry(checkpoint, HEAD_UPDATER_ENTRY).orElseThrow(() ->
                new IllegalArgumentException(checkpoint + " was not written by a frozen-trunk run; resume it without"
                        + " frozen_trunk"));
        trunk.restoreHeadUpdaterState(state);
    }

    /** The saved model's head, reading the same cached features (its trunk equals this one's). */
    @Override
    public BagClassifier scorer(DragnModel saved) {
        return FrozenTrunk.of(saved).head();
    }
}
