package org.dragnj.bench.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.features.FeatureStore;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.model.FrozenTrunk;

/**
 * Cached trunk features without the images or the trunk pass behind them: a head step costs the same
 * whatever the feature values, and a ResNet-18 extraction of a few thousand 180×320 images would take
 * longer than every benchmark here. The manifest names image files that do not exist; the feature cache
 * keys its rows by those names and this extraction fills them with seeded ReLU-like values.
 */
final class RandomFeatures implements FeatureCache.Extraction {

    static final RandomFeatures INSTANCE = new RandomFeatures();

    private RandomFeatures() {
    }

    /**
     * Bags of exactly {@code length} instances with 1–3 of {@code classes} labels each.
     *
     * @param train bags in the training split; validation and test get 8 each
     */
    static Manifest manifest(java.nio.file.Path folder, int train, int length, int classes, long seed) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("label-" + k);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<BagRecord> bags = new ArrayList<>();
        for (int i = 0; i < train + 16; i++) {
            List<String> instances = new ArrayList<>();
            for (int j = 0; j < length; j++) {
                instances.add("images/bag-" + i + "/" + j + ".png");
            }
            List<String> labels = new ArrayList<>();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                String label = names.get(rnd.nextInt(classes));
                if (!labels.contains(label)) {
                    labels.add(label);
                }
            }
            Split split = i < train ? Split.TRAIN : i < train + 8 ? Split.VAL : Split.TEST;
            bags.add(new BagRecord("bag-" + i, split, labels, instances));
        }
        return new Manifest(folder, names, bags);
    }

    @Override
    public void extract(FrozenTrunk trunk, Manifest manifest, Map<String, String> instances,
            FeatureStore.Appender appender, ProgressListener progress) throws java.io.IOException {
        long[] shape = trunk.featureShape();
        int size = Math.toIntExact(shape[0] * shape[1] * shape[2]);
        for (String key : instances.keySet()) {
            SplittableRandom rnd = new SplittableRandom(key.hashCode());
            float[] row = new float[size];
            for (int i = 0; i < size; i++) {
                row[i] = (float) Math.max(0, rnd.nextGaussian());
            }
            appender.append(key, row);
        }
    }
}
