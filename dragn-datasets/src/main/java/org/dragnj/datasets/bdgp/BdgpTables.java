package org.dragnj.datasets.bdgp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.io.TextFiles;

/**
 * The two BDGP metadata tables as read, row by row, before any of the bagging protocol is applied.
 * Copies of the tables ship inside this module ({@link #builtIn()}), so bagging works without a
 * path; {@link #read(Path, Path)} reads any other copy.
 *
 * @param images            rows of standard_images.csv, in file order
 * @param annotations       rows of standard_annotations.csv, in file order
 * @param imagesSource      where the image table came from (a path, or {@code classpath:...})
 * @param annotationsSource where the annotation table came from
 */
public record BdgpTables(List<ImageRow> images, List<AnnotationRow> annotations, String imagesSource,
        String annotationsSource) {

    public static final String IMAGES_FILE = "standard_images.csv";
    public static final String ANNOTATIONS_FILE = "standard_annotations.csv";
    static final String RESOURCE_DIR = "/org/dragnj/datasets/bdgp/";

    /**
     * One row of standard_images.csv.
     *
     * @param line       1-based line in the file (the header is line 1)
     * @param stageGroup 1..6 (1 = stages 1–3, 2 = 4–6, 3 = 7–8, 4 = 9–10, 5 = 11–12, 6 = 13–16)
     * @param direction  as written; {@link #view()} is null when it is not lateral, dorsal or ventral
     * @param files      image file names in tuple order, duplicates kept
     */
    public record ImageRow(int line, String gene, int stageGroup, String direction, List<String> files) {
        public ImageRow {
            files = List.copyOf(files);
        }

        public View view() {
            return View.parse(direction);
        }
    }

    /**
     * One row of standard_annotations.csv.
     *
     * @param line  1-based line in the file (the header is line 1)
     * @param terms controlled-vocabulary terms in tuple order, duplicates kept
     */
    public record AnnotationRow(int line, String gene, int stageGroup, List<String> terms) {
        public AnnotationRow {
            terms = List.copyOf(terms);
        }
    }

    public BdgpTables {
        images = List.copyOf(images);
        annotations = List.copyOf(annotations);
    }

    /** The copies of both tables shipped in this module's resources. */
    public static BdgpTables builtIn() throws IOException {
        return read(null, null);
    }

    /** Reads both tables; a null path means the built-in copy of that table. */
    public static BdgpTables read(Path imagesCsv, Path annotationsCsv) throws IOException {
        List<String> problems = new ArrayList<>();
        String imagesSource = source(imagesCsv, IMAGES_FILE);
        String annotationsSource = source(annotationsCsv, ANNOTATIONS_FILE);
        List<ImageRow> images = new ArrayList<>();
        try (Reader r = open(imagesCsv, IMAGES_FILE)) {
            parse(r, imagesSource, List.of("gene", "stage", "direction", "image_url"), problems, (rec, line) -> {
                images.add(new ImageRow(line, rec.get(0), rec.stage(), rec.get(2), rec.tuple(3)));
            });
        }
        List<AnnotationRow> annotations = new ArrayList<>();
        try (Reader r = open(annotationsCsv, ANNOTATIONS_FILE)) {
            parse(r, annotationsSource, List.of("gene", "stage", "annotation"), problems, (rec, line) -> {
                annotations.add(new AnnotationRow(line, rec.get(0), rec.stage(), rec.tuple(2)));
            });
        }
        if (!problems.isEmpty()) {
            throw new BdgpFormatException(problems);
        }
        return new BdgpTables(images, annotations, imagesSource, annotationsSource);
    }

    private static String source(Path file, String name) {
        return file == null ? "classpath:" + RESOURCE_DIR.substring(1) + name : file.toAbsolutePath().normalize().toString();
    }

    private static Reader open(Path file, String name) throws IOException {
        if (file == null) {
            InputStream in = BdgpTables.class.getResourceAsStream(RESOURCE_DIR + name);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + RESOURCE_DIR + name, null,
                        "the built-in BDGP table is missing from the dragn-datasets jar; pass the file's path instead");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null,
                    "expected the BDGP table " + name + " (see shared/data/bdgp/)");
        }
        return TextFiles.reader(file);
    }

    /** A data row whose cells are checked as they are read; a bad cell records a located problem. */
    private static final class Row {
        private final CSVRecord rec;
        private final String where;
        private final List<String> problems;

        Row(CSVRecord rec, String where, List<String> problems) {
            this.rec = rec;
            this.where = where;
            this.problems = problems;
        }

        String get(int i) {
            String v = rec.get(i).trim();
            if (i == 0 && v.isEmpty()) {
                fail("empty gene");
            }
            return v;
        }

        int stage() {
            String s = rec.get(1).trim();
            try {
                int g = Integer.parseInt(s);
                if (g >= 1 && g <= 6) {
                    return g;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            fail("stage must be a stage group 1..6, found '" + s + "'");
            return 0;
        }

        List<String> tuple(int i) {
            try {
                List<String> items = PythonTuple.parse(rec.get(i));
                for (String item : items) {
                    if (item.isBlank()) {
                        fail("column " + (i + 1) + " holds an empty name: " + rec.get(i));
                    }
                }
                return items.stream().map(String::trim).toList();
            } catch (IllegalArgumentException e) {
                fail("column " + (i + 1) + " is not a Python tuple of strings: " + e.getMessage());
                return List.of();
            }
        }

        private void fail(String what) {
            problems.add(where + ": " + what);
        }
    }

    private interface RowSink {
        void accept(Row row, int line);
    }

    private static void parse(Reader reader, String source, List<String> header, List<String> problems, RowSink sink)
            throws IOException {
        try (CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            var it = csv.iterator();
            if (!it.hasNext()) {
                problems.add(source + ":1: the file is empty, expected the header " + String.join(",", header));
                return;
            }
            List<String> found = it.next().toList().stream().map(String::trim).toList();
            if (!found.equals(header)) {
                problems.add(source + ":1: expected the header " + String.join(",", header) + ", found "
                        + String.join(",", found));
                return;
            }
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                int line = (int) csv.getCurrentLineNumber();
                String where = source + ":" + line;
                if (rec.size() != header.size()) {
                    if (rec.size() == 1 && rec.get(0).isBlank()) {
                        continue; // a blank line, e.g. at the end of a hand-edited file
                    }
                    problems.add(where + ": expected " + header.size() + " columns, found " + rec.size());
                    continue;
                }
                // A row with a bad cell is still handed on: its problem fails the whole read afterwards,
                // and reading on lists every bad line at once instead of one per run.
                sink.accept(new Row(rec, where, problems), line);
            }
        } catch (UncheckedIOException e) {
            problems.add(Csv.syntaxError(source, e.getCause()).getMessage());
        }
    }
}
