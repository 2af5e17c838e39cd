package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import org.dragnj.bags.io.Csv;
import org.dragnj.bags.manifest.BagRecord;

/**
 * Per-instance importance as CSV, one row per (bag, instance, label): bag_id, instance (the manifest's
 * path, as in attention.csv), instance_index (in the bag's loaded order), label, bag_score,
 * loo_change (bag_score minus the score without the instance), gradient (gradient × input of the
 * instance's trunk features), attention. A field without a value is empty: loo_change for a bag of
 * one instance, gradient in PRE mode, attention for aggregations without weights.
 */
public final class ImportanceCsv {

    /** The file evaluate writes into its output folder. */
    public static final String FILE = "importance.csv";

    public static final String HEADER = "bag_id,instance,instance_index,label,bag_score,loo_change,gradient,attention";

    private ImportanceCsv() {
    }

    /** The rows of one bag; {@code record} is its manifest entry (null when unknown). */
    static void append(Writer out, BagImportance bag, List<String> labels, BagRecord record) throws IOException {
        for (int i = 0; i < bag.length(); i++) {
            String instance = Csv.field(AttentionCsv.instanceName(record, bag.length(), i));
            for (int k = 0; k < labels.size(); k++) {
                out.append(Csv.field(bag.bagId())).append(',').append(instance).append(',')
                        .append(Integer.toString(i)).append(',').append(Csv.field(labels.get(k))).append(',')
                        .append(number(bag.scores()[k])).append(',').append(number(bag.looChange(i, k))).append(',')
                        .append(number(bag.gradient()[i][k])).append(',')
                        .append(bag.attention() == null ? "" : number(bag.attention()[i])).append('\n');
            }
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
