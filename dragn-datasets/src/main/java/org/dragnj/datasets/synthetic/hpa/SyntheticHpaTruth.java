package org.dragnj.datasets.synthetic.hpa;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.AtomicFiles;

/** Reads and writes the ground-truth cell file {@code cells.csv} of a synthetic HPA data set. */
public final class SyntheticHpaTruth {

    static final String[] HEADER = {"image_id", "cell", "x", "y", "radius", "nucleus_x", "nucleus_y",
        "nucleus_radius", "shown"};

    private SyntheticHpaTruth() {
    }

    static void write(Path file, List<SyntheticHpaCell> cells) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
                for (SyntheticHpaCell c : cells) {
                    csv.printRecord(c.imageId(), c.index(), f(c.x()), f(c.y()), f(c.radius()), f(c.nucleusX()),
                            f(c.nucleusY()), f(c.nucleusRadius()), String.join(";", c.shown().stream().sorted()
                                    .map(HpaPattern::label).toList()));
                }
            }
        });
    }

    /** Full precision, so that reading gives back exactly the generator's values. */
    private static String f(double v) {
        return Double.toString(v);
    }

    /** Cells per image id, in file order. */
    public static Map<String, List<SyntheticHpaCell>> read(Path file) throws IOException {
        Map<String, HpaPattern> byLabel = new LinkedHashMap<>();
        for (HpaPattern p : HpaPattern.values()) {
            byLabel.put(p.label(), p);
        }
        Map<String, List<SyntheticHpaCell>> cells = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                        .build())) {
            if (!csv.getHeaderNames().equals(Arrays.asList(HEADER))) {
                throw new IOException(file + ":1: expected the header " + String.join(",", HEADER) + ", found "
                        + String.join(",", csv.getHeaderNames()));
            }
            for (CSVRecord rec : csv) {
                try {
                    EnumSet<HpaPattern> shown = EnumSet.noneOf(HpaPattern.class);
                    for (String s : rec.get("shown").split(";")) {
                        if (!s.isBlank()) {
                            HpaPattern p = byLabel.get(s.trim());
                            if (p == null) {
                                throw new IllegalArgumentException("unknown pattern '" + s + "'");
                            }
                            shown.add(p);
                        }
                    }
                    SyntheticHpaCell c = new SyntheticHpaCell(rec.get("image_id"), Integer.parseInt(rec.get("cell")),
                            d(rec, "x"), d(rec, "y"), d(rec, "radius"), d(rec, "nucleus_x"), d(rec, "nucleus_y"),
                            d(rec, "nucleus_radius"), shown);
                    cells.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(c);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + csv.getCurrentLineNumber() + ": " + e.getMessage(), e);
                }
            }
        }
        return cells;
    }

    private static double d(CSVRecord rec, String column) {
        return Double.parseDouble(rec.get(column));
    }
}
