package org.dragnj.datasets.hpa.grouping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.TextFiles;

/**
 * Reads a CSV file one physical line at a time, so every row knows its exact line number (a
 * multi-line quoted cell is not allowed in grouping files; it is reported like any malformed row).
 */
final class CsvLines {

    /** A non-blank line: its 1-based number and its cells (null when it is not valid CSV). */
    record Row(int line, List<String> cells, String error) {
    }

    private CsvLines() {
    }

    static List<Row> read(Path file) throws IOException {
        List<String> lines = TextFiles.readLines(file);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            try (CSVParser p = CSVParser.parse(text, CSVFormat.RFC4180)) {
                List<CSVRecord> recs = p.getRecords();
                rows.add(recs.size() == 1
                        ? new Row(i + 1, recs.get(0).toList().stream().map(String::trim).toList(), null)
                        : new Row(i + 1, null, "not one CSV row"));
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                rows.add(new Row(i + 1, null, "not valid CSV (" + e.getMessage() + ")"));
            }
        }
        return rows;
    }
}
