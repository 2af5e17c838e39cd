package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.eval.plot.ClassColours;
import org.dragnj.eval.plot.EmbeddingPlot;
import org.dragnj.model.DragnModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Collects instance and bag features batch by batch and writes them: {@code instance_features.csv}
 * (bag_id, instance, f0…), {@code bag_features.csv} (bag_id, labels, f0…) and t-SNE maps
 * {@code tsne_instances.png}, {@code tsne_bags.png} (+ .svg), each point coloured by its bag's label
 * (see {@link EmbeddingPlot#write}).
 */
public final class EmbeddingWriter {

    private final Map<String, BagRecord> byId = new HashMap<>();
    private final ClassColours colours;
    private final List<String> instanceBag = new ArrayList<>();
    private final List<String> instanceName = new ArrayList<>();
    private final List<double[]> instances = new ArrayList<>();
    private final List<String> bagIds = new ArrayList<>();
    private final List<double[]> bags = new ArrayList<>();

    public EmbeddingWriter(Manifest manifest) {
        manifest.bags().forEach(b -> byId.put(b.id(), b));
        colours = ClassColours.of(manifest.classes());
    }

    /**
     * Runs a saved model over its bags and writes their instance and bag features (see the class
     * comment).
     */
    public static Written extract(SavedModelInput in, Path folder, int tsnePoints, long seed, ProgressListener progress)
            throws IOException {
        EmbeddingWriter collector = new EmbeddingWriter(in.manifest());
        DragnModel model = in.model().forInference();
        progress.started("features", in.iterator().bagCount(), "bags");
        try (BagIterator.Epoch epoch = in.iterator().epoch(0)) {
            while (epoch.hasNext()) {
                BagBatch b = epoch.next();
                DragnModel.Embeddings e = model.embeddings(b);
                collector.add(b, e.instances().map(EmbeddingWriter::rows).orElse(null), rows(e.bags()));
                progress.advanced(b.size(), "");
            }
        }
        progress.finished();
        return collector.write(folder, tsnePoints, seed, in.model().spec().aggregation().name());
    }

    private static double[][] rows(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').toDoubleMatrix();
    }

    /** What was written. */
    public record Written(int instances, int bags, List<String> files) {
    }

    /**
     * @param instanceRows one row per instance of the batch, in batch order; null if the model has none
     * @param bagRows      one row per bag
     */
    public void add(BagBatch batch, double[][] instanceRows, double[][] bagRows) {
        for (int b = 0; b < batch.size(); b++) {
            String id = batch.bagIds().get(b);
            bagIds.add(id);
            bags.add(bagRows[b]);
            if (instanceRows != null) {
                BagRecord record = byId.get(id);
                int offset = batch.layout().offset(b);
                int n = batch.layout().length(b);
                for (int j = 0; j < n; j++) {
                    instanceBag.add(id);
                    instanceName.add(record != null && record.instances().size() == n ? record.instances().get(j)
                            : "subsample#" + j);
                    instances.add(instanceRows[offset + j]);
                }
            }
        }
    }

    /**
     * @param tsnePoints at most this many points per map (a seeded random subset); 0 for no maps
     */
    public Written write(Path folder, int tsnePoints, long seed, String title) throws IOException {
        List<String> files = new ArrayList<>();
        if (!instances.isEmpty()) {
            writeCsv(folder.resolve("instance_features.csv"), "bag_id,instance", instances,
                    i -> Csv.field(instanceBag.get(i)) + "," + Csv.field(instanceName.get(i)));
            files.add("instance_features.csv");
        }
        writeCsv(folder.resolve("bag_features.csv"), "bag_id,labels", bags,
                i -> Csv.field(bagIds.get(i)) + "," + Csv.field(String.join(";", labels(bagIds.get(i)))));
        files.add("bag_features.csv");
        if (tsnePoints > 0) {
            if (instances.size() >= 4) {
                map(folder.resolve("tsne_instances.png"), instances, instanceBag, tsnePoints, seed,
                        title + ": instance features before aggregation").forEach(f -> files.add(name(f)));
            }
            if (bags.size() >= 4) {
                map(folder.resolve("tsne_bags.png"), bags, bagIds, tsnePoints, seed,
                        title + ": bag features after aggregation").forEach(f -> files.add(name(f)));
            }
        }
        return new Written(instances.size(), bags.size(), files);
    }

    private List<String> labels(String bagId) {
        BagRecord r = byId.get(bagId);
        return r == null ? List.of() : r.labels();
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private List<Path> map(Path png, List<double[]> rows, List<String> bagOfRow, int max, long seed, String title)
            throws IOException {
        List<Integer> chosen = sample(rows.size(), max, seed);
        double[][] x = chosen.stream().map(rows::get).toArray(double[][]::new);
        List<List<String>> labels = chosen.stream().map(i -> labels(bagOfRow.get(i))).toList();
        String subset = chosen.size() < rows.size() ? String.format(Locale.ROOT, " (%d of %d)", chosen.size(),
                rows.size()) : "";
        return EmbeddingPlot.write(png, EmbeddingPlot.tsne(x, seed, 1000), labels, colours, title + subset);
    }

    /** A seeded random subset of 0..n−1 of at most {@code max}, in increasing order. */
    static List<Integer> sample(int n, int max, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        if (n <= max) {
            return all;
        }
        java.util.Collections.shuffle(all, new java.util.Random(new SplittableRandom(seed).nextLong()));
        List<Integer> out = new ArrayList<>(all.subList(0, max));
        out.sort(null);
        return out;
    }

    private interface Prefix {
        String of(int row);
    }

    private static void writeCsv(Path file, String header, List<double[]> rows, Prefix prefix) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(header);
            int d = rows.isEmpty() ? 0 : rows.get(0).length;
            for (int k = 0; k < d; k++) {
                w.write(",f" + k);
            }
            w.write('\n');
            for (int i = 0; i < rows.size(); i++) {
                w.write(prefix.of(i));
                for (double v : rows.get(i)) {
                    w.write(',');
                    w.write(Float.toString((float) v));
                }
                w.write('\n');
            }
            w.flush();
        });
    }
}
