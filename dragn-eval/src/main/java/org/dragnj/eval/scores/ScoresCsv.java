package org.dragnj.eval.scores;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.AtomicFiles;

/**
 * Predictions as CSV: a {@code bag_id} column and one probability column per label, the header
 * naming the labels. Any model's output can be evaluated through this format.
 */
public final class ScoresCsv {

    public static final String BAG_ID = "bag_id";

    private ScoresCsv() {
    }

    /** Scores by bag id, with the label names from the header. */
    public record Scores(List<String> labels, Map<String, double[]> byBag) {
    }

    public static Scores read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                        .build())) {
            List<String> header = csv.getHeaderNames();
            if (header.isEmpty() || !header.get(0).replace("\uFEFF", "").trim().equals(BAG_ID)) {
                throw new IOException(file + ":1: the first column must be '" + BAG_ID
                        + "', followed by one column per label; found " + header);
            }
            List<String> labels = header.subList(1, header.size()).stream().map(String::trim).toList();
            if (labels.isEmpty()) {
                throw new IOException(file + ":1: no label columns after " + BAG_ID);
            }
            Map<String, double[]> byBag = new LinkedHashMap<>();
            for (CSVRecord rec : csv) {
                long line = csv.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new IOException(file + ":" + line + ": " + rec.size() + " columns, the header has "
                            + header.size());
                }
                double[] s = new double[labels.size()];
                for (int k = 0; k < s.length; k++) {
                    String cell = rec.get(k + 1).trim();
                    try {
                        s[k] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ":" + line + ": '" + cell + "' in column " + labels.get(k)
                                + " is not a number", e);
                    }
                    if (!(s[k] >= 0 && s[k] <= 1)) {
                        throw new IOException(file + ":" + line + ": score " + cell + " for " + labels.get(k)
                                + " is not a probability in [0, 1]");
                    }
                }
                if (byBag.put(rec.get(0).trim(), s) != null) {
                    throw new IOException(file + ":" + line + ": bag '" + rec.get(0) + "' appears twice");
                }
            }
            return new Scores(labels, byBag);
        }
    }

    public static void write(Path file, List<String> labels, List<String> bagIds, double[][] scores) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>();
            header.add(BAG_ID);
            header.addAll(labels);
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                    .build())) {
                for (int i = 0; i < bagIds.size(); i++) {
                    List<String> row = new ArrayList<>();
                    row.add(bagIds.get(i));
                    for (double v : scores[i]) {
                        row.add(String.format(Locale.ROOT, "%.6f", v));
                    }
                    p.printRecord(row);
                }
            }
        });
    }
}
