package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;

/** Per-instance attention weights as CSV: bag_id, instance (the manifest's path), weight. */
public final class AttentionCsv {

    private AttentionCsv() {
    }

    /**
     * @param attention weights by bag id, in the order the instances were loaded (evaluation
     *                  iterators keep the manifest's order; a bag subsampled to a length cap
     *                  has its instances written as {@code subsample#j})
     */
    public static void write(Path file, Map<String, double[]> attention, Manifest manifest) throws IOException {
        Map<String, BagRecord> byId = new HashMap<>();
        manifest.bags().forEach(b -> byId.put(b.id(), b));
        StringBuilder sb = new StringBuilder("bag_id,instance,weight\n");
        for (Map.Entry<String, double[]> e : attention.entrySet()) {
            BagRecord bag = byId.get(e.getKey());
            for (int j = 0; j < e.getValue().length; j++) {
                String instance = instanceName(bag, e.getValue().length, j);
                sb.append(Csv.field(e.getKey())).append(',').append(Csv.field(instance)).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", e.getValue()[j])).append('\n');
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * The manifest's path of instance j of a bag loaded with {@code loaded} instances; a bag capped by
     * max_bag_length was subsampled, and its instances cannot be matched to files: {@code subsample#j}.
     */
    static String instanceName(BagRecord bag, int loaded, int j) {
        return bag != null && loaded == bag.instances().size() ? bag.instances().get(j) : "subsample#" + j;
    }
}
