package org.dragnj.experiment.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.features.FeatureStore;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.datasets.iterator.InstanceSource;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.ModelSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trunk features on disk, one store per trunk: the folder name is the trunk's fingerprint
 * (architecture, input size, parameter values), so every run and every aggregation that uses the
 * same frozen trunk shares one extraction, and a different trunk can never read stale features.
 */
public final class FeatureCache {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    /** Images per trunk forward pass. */
    public static final int BATCH = 32;
    /** Batches between index commits: a killed extraction keeps what it committed. */
    static final int COMMIT_EVERY = 20;

    private FeatureCache() {
    }

    /** What {@link #prepare} did. */
    public record Prepared(FeatureStore store, int extracted, int reused, double seconds) {
    }

    /**
     * How the missing features are computed and appended to the store: in this JVM ({@link #LOCAL}), or by
     * the executors of a cluster (dragn-spark), which append what they computed.
     */
    public interface Extraction {
        /**
         * @param instances the manifest's instance path for each missing key, in the order to extract
         */
        void extract(FrozenTrunk trunk, Manifest manifest, Map<String, String> instances,
                FeatureStore.Appender appender, ProgressListener progress) throws IOException;
    }

    /** Batches of {@value #BATCH} images through the trunk in this JVM. */
    public static final Extraction LOCAL = FeatureCache::extractHere;

    public static Prepared prepare(FrozenTrunk trunk, Manifest manifest, List<BagRecord> bags, Path root,
            ProgressListener progress) throws IOException {
        return prepare(trunk, manifest, bags, root, progress, LOCAL);
    }

    /**
     * Makes sure the store of this trunk holds the features of every instance of {@code bags},
     * extracting the missing ones (inference mode, no augmentation).
     *
     * @param root the cache folder; stores live in {@code root/<trunk>-<fingerprint>}
     */
    public static Prepared prepare(FrozenTrunk trunk, Manifest manifest, List<BagRecord> bags, Path root,
            ProgressListener progress, Extraction extraction) throws IOException {
        ModelSpec spec = trunk.head().spec();
        String fingerprint = trunk.fingerprint();
        Path folder = root.resolve(spec.trunk().name().toLowerCase(Locale.ROOT) + "-" + fingerprint.substring(0, 16));
        FeatureStore store = FeatureStore.open(folder, trunk.featureShape());
        AtomicFiles.writeString(folder.resolve("trunk.txt"), String.format(Locale.ROOT,
                "trunk %s%ninput %dx%dx%d%nfeatures %s%nfingerprint %s%n", spec.trunk(), spec.inputChannels(),
                spec.inputHeight(), spec.inputWidth(), java.util.Arrays.toString(trunk.featureShape()), fingerprint));
        Map<String, String> instanceByKey = new LinkedHashMap<>();
        for (BagRecord b : bags) {
            for (String i : b.instances()) {
                instanceByKey.putIfAbsent(FeatureStore.key(manifest, i), i);
            }
        }
        List<String> missing = store.missing(instanceByKey.keySet());
        long start = System.nanoTime();
        if (!missing.isEmpty()) {
            LOG.info("extracting trunk features of {} images into {} ({} already there)", missing.size(), folder,
                    instanceByKey.size() - missing.size());
            Map<String, String> todo = new LinkedHashMap<>();
            missing.forEach(k -> todo.put(k, instanceByKey.get(k)));
            try (FeatureStore.Appender appender = store.appender()) {
                extraction.extract(trunk, manifest, todo, appender, progress);
                appender.commit();
            }
        }
        return new Prepared(store, missing.size(), instanceByKey.size() - missing.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void extractHere(FrozenTrunk trunk, Manifest manifest, Map<String, String> instances,
            FeatureStore.Appender appender, ProgressListener progress) throws IOException {
        InstanceSource images = images(trunk, manifest);
        List<String> keys = new ArrayList<>(instances.keySet());
        progress.started("features", keys.size(), "images");
        int batches = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
            float[][] f = features(trunk, images, chunk.stream().map(instances::get).toList());
            for (int j = 0; j < chunk.size(); j++) {
                appender.append(chunk.get(j), f[j]);
            }
            if (++batches % COMMIT_EVERY == 0) {
                appender.commit();
            }
            progress.advanced(chunk.size(), "");
        }
        progress.finished();
    }

    /** The images as the trunk reads them: its input size, channels and channel order, unaugmented. */
    public static InstanceSource images(FrozenTrunk trunk, Manifest manifest) {
        ModelSpec spec = trunk.head().spec();
        return InstanceSource.images(manifest, BagLoaderSpec.builder().setImageSize(spec.inputHeight(), spec.inputWidth())
                .optChannels(spec.inputChannels()).optChannelOrder(spec.channelOrder()).build());
    }

    /** One forward pass of the trunk over {@code instances} (loaded in parallel): one feature row per instance. */
    public static float[][] features(FrozenTrunk trunk, InstanceSource images, List<String> instances) {
        ModelSpec spec = trunk.head().spec();
        long[] shape = images.shape();
        List<float[]> pixels = new ArrayList<>(IntStream.range(0, instances.size()).parallel()
                .mapToObj(j -> load(images, instances.get(j))).toList());
        INDArray x = Nd4j.create(DataType.FLOAT, instances.size(), shape[0], shape[1], shape[2]);
        for (int j = 0; j < instances.size(); j++) {
            x.slice(j).assign(Nd4j.create(pixels.get(j), shape, 'c'));
        }
        INDArray f = trunk.features(x.castTo(spec.dataType())).castTo(DataType.FLOAT);
        float[][] rows = new float[instances.size()][];
        for (int j = 0; j < instances.size(); j++) {
            rows[j] = f.slice(j).dup('c').data().asFloat();
        }
        return rows;
    }

    private static float[] load(InstanceSource images, String instance) {
        try {
            return images.load(instance);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot load instance " + instance + " (" + e.getMessage() + ")", e);
        }
    }
}
