package org.dragnj.experiment.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dragnj.bags.BagBatch;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.model.DragnModel;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs {@link InstanceImportance} over every bag of an iterator and writes {@link ImportanceCsv} (rows
 * streamed into the temporary file, which is renamed at the end) and, when asked, the
 * {@link ImportanceMontage}. A second pass over the images: leave-one-out costs n extra bag
 * evaluations per bag of n, which the scores' pass should not pay when no one asked.
 */
public final class ImportanceWriter {

    private ImportanceWriter() {
    }

    /**
     * @param bags              bags counted
     * @param singleInstanceBags bags of one instance (no leave-one-out value)
     * @param gradients         whether the gradient column has values (not in PRE mode)
     * @param montage           whether the montage was written
     */
    public record Summary(int bags, int singleInstanceBags, boolean gradients, boolean montage) {
    }

    /**
     * @param montage the montage's PNG, or null for none (it needs the bags' true labels)
     * @param title   names the model and the bags in the montage
     */
    public static Summary write(Path csv, Path montage, String title, DragnModel model, BagIterator bags,
            Manifest manifest, ProgressListener progress) throws IOException {
        InstanceImportance importance = InstanceImportance.of(model);
        List<String> labels = model.spec().labels();
        Map<String, BagRecord> byId = new HashMap<>();
        manifest.bags().forEach(b -> byId.put(b.id(), b));
        ImportanceMontage figure = new ImportanceMontage(labels, model.spec().channelOrder());
        int[] counts = new int[2];
        progress.started("importance", bags.bagCount(), "bags");
        AtomicFiles.write(csv, stream -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            out.append(ImportanceCsv.HEADER).append('\n');
            try (BagIterator.Epoch epoch = bags.epoch(0)) {
                while (epoch.hasNext()) {
                    BagBatch batch = epoch.next();
                    List<BagImportance> measured = importance.measure(batch);
                    for (int b = 0; b < measured.size(); b++) {
                        BagImportance bag = measured.get(b);
                        ImportanceCsv.append(out, bag, labels, byId.get(bag.bagId()));
                        counts[0]++;
                        counts[1] += bag.length() == 1 ? 1 : 0;
                        if (montage != null && batch.labels() != null) {
                            // dup: a row view of ND4J M2.1 can read back wrong (see BagLayout.fromMask)
                            figure.offer(bag, batch.labels().getRow(b).dup().castTo(DataType.DOUBLE).toDoubleVector());
                        }
                    }
                    progress.advanced(batch.size(), "");
                }
            }
            out.flush();
        });
        progress.finished();
        boolean drawn = montage != null && !figure.isEmpty();
        if (drawn) {
            figure.write(montage, title);
            Optional<CropFields> fields = CropFields.of(manifest);
            if (fields.isPresent()) {
                List<CropFields.Pick> picks = figure.chosen().stream()
                        .filter(c -> byId.containsKey(c.bagId())
                                && byId.get(c.bagId()).instances().size() == c.changes().length)
                        .map(c -> new CropFields.Pick(c.heading(), byId.get(c.bagId()).instances(), c.changes()))
                        .toList();
                if (!picks.isEmpty()) {
                    fields.get().write(montage.resolveSibling(CropFields.FILE), title
                            + ": each crop's box on its field, numbered by importance", picks);
                }
            }
        }
        return new Summary(counts[0], counts[1], importance.hasGradients(), drawn);
    }
}
