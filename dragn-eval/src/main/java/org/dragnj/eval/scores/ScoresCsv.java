package org.dragnj.eval.scores;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.AtomicFiles;
import org.dragnj.bags.io.BadInputException;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.io.TextFiles;

/**
 * Predictions as CSV: a {@code bag_id} column and one probability column per label, the header
 * naming the labels, and, where the bags' truth is known, a last {@value #TRUE_LABELS} column of
 * their true labels separated by ';' (as in a manifest). Any model's output can be evaluated through
 * this format; the truth column is for the person reading the file (metrics take the truth from the
 * manifest).
 */
public final class ScoresCsv {

    public static final String BAG_ID = "bag_id";
    public static final String TRUE_LABELS = "true_labels";

    private ScoresCsv() {
    }

    /**
     * Scores by bag id, with the label names from the header.
     *
     * @param truth true labels by bag id, from the {@value #TRUE_LABELS} column (empty without one)
     */
    public record Scores(List<String> labels, Map<String, double[]> byBag, Map<String, List<String>> truth) {
    }

    public static Scores read(Path file) throws IOException {
        try (Reader r = TextFiles.reader(file);
                CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                        .build())) {
            List<String> header = csv.getHeaderNames();
            if (header.isEmpty() || !header.get(0).trim().equals(BAG_ID)) {
                throw new BadInputException(file + ":1: the first column must be '" + BAG_ID
                        + "', followed by one column per label; found " + header);
            }
            boolean hasTruth = header.get(header.size() - 1).trim().equals(TRUE_LABELS);
            List<String> labels = header.subList(1, header.size() - (hasTruth ? 1 : 0)).stream().map(String::trim)
                    .toList();
            if (labels.isEmpty()) {
                throw new BadInputException(file + ":1: no label columns after " + BAG_ID);
            }
            Map<String, double[]> byBag = new LinkedHashMap<>();
            Map<String, List<String>> truth = new LinkedHashMap<>();
            for (CSVRecord rec : csv) {
                long line = csv.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new BadInputException(file + ":" + line + ": " + rec.size() + " columns, the header has "
                            + header.size());
                }
                double[] s = new double[labels.size()];
                for (int k = 0; k < s.length; k++) {
                    String cell = rec.get(k + 1).trim();
                    try {
                        s[k] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new BadInputException(file + ":" + line + ": '" + cell + "' in column " + labels.get(k)
                                + " is not a number", e);
                    }
                    if (!(s[k] >= 0 && s[k] <= 1)) {
                        throw new BadInputException(file + ":" + line + ": score " + cell + " for " + labels.get(k)
                                + " is not a probability in [0, 1]");
                    }
                }
                if (byBag.put(rec.get(0).trim(), s) != null) {
                    throw new BadInputException(file + ":" + line + ": bag '" + rec.get(0) + "' appears twice");
                }
                if (hasTruth) {
                    String cell = rec.get(header.size() - 1).trim();
                    truth.put(rec.get(0).trim(), cell.isEmpty() ? List.of()
                            : Arrays.stream(cell.split(";")).map(String::trim).toList());
                }
            }
            return new Scores(labels, byBag, truth);
        } catch (UncheckedIOException e) {
            throw Csv.syntaxError(file, e);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw Csv.syntaxError(file, e); // a broken header line
        }
    }

    public static void write(Path file, List<String> labels, List<String> bagIds, double[][] scores) throws IOException {
        write(file, labels, bagIds, scores, null);
    }

    /** @param truth each bag's true labels, in bag order; null when unknown (no {@value #TRUE_LABELS} column) */
    public static void write(Path file, List<String> labels, List<String> bagIds, double[][] scores,
            List<List<String>> truth) throws IOException {
        if (labels.contains(TRUE_LABELS) || labels.contains(BAG_ID)) {
            throw new IllegalArgumentException("'" + TRUE_LABELS + "' and '" + BAG_ID + "' cannot be label names");
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            List<String> header = new ArrayList<>();
            header.add(BAG_ID);
            header.addAll(labels);
            if (truth != null) {
                header.add(TRUE_LABELS);
            }
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                    .build())) {
                for (int i = 0; i < bagIds.size(); i++) {
                    List<String> row = new ArrayList<>();
                    row.add(bagIds.get(i));
                    for (double v : scores[i]) {
                        row.add(String.format(Locale.ROOT, "%.6f", v));
                    }
                    if (truth != null) {
                        row.add(String.join(";", truth.get(i)));
                    }
                    p.printRecord(row);
                }
            }
        });
    }
}
