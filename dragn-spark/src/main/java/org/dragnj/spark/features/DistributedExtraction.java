package org.dragnj.spark.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.features.FeatureStore;
import org.dragnj.datasets.iterator.InstanceSource;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.spark.HadoopFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frozen-trunk features computed by Spark executors: the whole model is broadcast once (each executor
 * builds its trunk once, {@link ExecutorTrunks}), each task runs batches of {@value FeatureCache#BATCH}
 * images through it and writes one shard file to a staging folder, and the driver appends the shards
 * to the feature store that {@code train --frozen-trunk} reads, committing after each, then deletes
 * them. The executors read the images at the manifest's own paths, so the manifest folder must be on a
 * file system they share (a single machine, NFS, a mounted bucket).
 */
public final class DistributedExtraction implements FeatureCache.Extraction {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedExtraction.class);

    private final JavaSparkContext sc;
    private final URI staging;

    /** @param staging where executors leave their shards for the driver (a Hadoop URI both can reach) */
    public DistributedExtraction(JavaSparkContext sc, URI staging) {
        this.sc = sc;
        this.staging = staging;
    }

    /** One image to extract: its key in the store and its path in the manifest. */
    record Item(String key, String instance) implements Serializable {
    }

    @Override
    public void extract(FrozenTrunk trunk, Manifest manifest, Map<String, String> instances,
            FeatureStore.Appender appender, ProgressListener progress) throws IOException {
        Path zip = Files.createTempFile("dragn-trunk-", ".zip");
        Broadcast<byte[]> model;
        try {
            trunk.assemble().save(zip);
            model = sc.broadcast(Files.readAllBytes(zip));
        } finally {
            Files.deleteIfExists(zip);
        }
        List<Item> items = new ArrayList<>();
        instances.forEach((k, i) -> items.add(new Item(k, i)));
        int slices = Math.max(1, Math.min((items.size() + FeatureCache.BATCH - 1) / FeatureCache.BATCH,
                sc.defaultParallelism() * 4));
        URI run = HadoopFiles.child(staging, ".features-" + UUID.randomUUID());
        HadoopFiles files = new HadoopFiles(sc.hadoopConfiguration());
        String folder = manifest.folder().toString();
        LOG.info("extracting trunk features of {} images on {} partitions (shards in {})", items.size(), slices, run);
        progress.started("features (Spark)", items.size(), "images");
        try {
            long t0 = System.nanoTime();
            sc.parallelize(items, slices).foreachPartition(part -> writeShard(part, model, folder, files, run));
            long t1 = System.nanoTime();
            FileSystem fs = files.fs(run);
            Set<String> appended = new HashSet<>();
            for (FileStatus shard : fs.listStatus(HadoopFiles.path(run))) {
                int n = appendShard(fs, shard, appender, appended);
                appender.commit();
                progress.advanced(n, "");
            }
            LOG.info(String.format(java.util.Locale.ROOT, "features: %.1f s on the executors, %.1f s merging their"
                    + " shards", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9));
        } finally {
            files.fs(run).delete(HadoopFiles.path(run), true);
            model.destroy();
            progress.finished();
        }
    }

    /** On an executor: the features of one partition's images, as one shard file. */
    private static void writeShard(Iterator<Item> part, Broadcast<byte[]> model, String manifestFolder,
            HadoopFiles files, URI run) throws IOException {
        FrozenTrunk trunk = ExecutorTrunks.of(model);
        Manifest manifest = new Manifest(Path.of(manifestFolder), List.of(), List.of());
        InstanceSource images = FeatureCache.images(trunk, manifest);
        String name = "part-" + UUID.randomUUID() + ".bin";
        URI shard = HadoopFiles.child(run, name);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(HadoopFiles.path(run),
                AtomicFiles.temporaryName(name, ".tmp"));
        FileSystem fs = files.fs(run);
        try (OutputStream raw = fs.create(tmp, true);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
            List<Item> batch = new ArrayList<>(FeatureCache.BATCH);
            while (part.hasNext()) {
                batch.add(part.next());
                if (batch.size() == FeatureCache.BATCH || !part.hasNext()) {
                    float[][] f = FeatureCache.features(trunk, images, batch.stream().map(Item::instance).toList());
                    for (int j = 0; j < batch.size(); j++) {
                        out.writeBoolean(true);
                        out.writeUTF(batch.get(j).key());
                        out.writeInt(f[j].length);
                        for (float v : f[j]) {
                            out.writeFloat(v);
                        }
                    }
                    batch.clear();
                }
            }
            out.writeBoolean(false); // the end: a remote stream's available() says nothing about it
        }
        // a retried task writes its own shard; only a finished one gets a name the driver reads
        if (!fs.rename(tmp, HadoopFiles.path(shard))) {
            throw new IOException("cannot move " + tmp + " to " + shard);
        }
    }

    private static int appendShard(FileSystem fs, FileStatus shard, FeatureStore.Appender appender,
            Set<String> appended) throws IOException {
        if (AtomicFiles.isTemporary(shard.getPath().getName())) {
            return 0; // an unfinished shard of a failed attempt
        }
        int n = 0;
        try (InputStream raw = fs.open(shard.getPath());
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            while (in.readBoolean()) {
                String key = in.readUTF();
                float[] row = new float[in.readInt()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = in.readFloat();
                }
                if (appended.add(key)) { // a task that died after publishing its shard was run again
                    appender.append(key, row);
                    n++;
                }
            }
        }
        return n;
    }
}
