package org.dragnj.datasets.manifest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.io.TextFiles;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.manifest.ManifestProblem.Kind;

/**
 * Reads and validates a manifest folder. Every problem is located (file, line, bag); with
 * {@link ValidationPolicy#FAIL} reading throws a {@link ManifestException} listing all of them,
 * with {@link ValidationPolicy#SKIP} the offending bags (for a missing or unreadable image, its whole
 * bag) are left out and the {@link ValidationReport} says what and why.
 */
public final class ManifestReader {

    /** How much to check each image. */
    public enum ImageCheck {
        /** Do not touch the images. */
        NONE,
        /** The file exists and is readable (fast). */
        EXISTS,
        /** The file decodes as an image (reads every file). */
        DECODE;

        /**
         * What is wrong with one instance image, located at {@code source}:{@code line} (bag {@code bagId});
         * null when nothing is.
         *
         * @param written the path as the input names it
         * @param file    the resolved file
         */
        public ManifestProblem check(Path source, int line, String bagId, String written, Path file) {
            if (this == NONE) {
                return null;
            }
            if (!Files.isRegularFile(file)) {
                return new ManifestProblem(source, line, bagId, Kind.MISSING_IMAGE, written + " (" + file + ")");
            }
            if (!Files.isReadable(file)) {
                return new ManifestProblem(source, line, bagId, Kind.UNREADABLE_IMAGE, written + ": no read permission");
            }
            if (this == DECODE) {
                try (Mat m = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_UNCHANGED)) {
                    if (m == null || m.empty()) {
                        return new ManifestProblem(source, line, bagId, Kind.UNREADABLE_IMAGE,
                                written + ": not a decodable image");
                    }
                }
            }
            return null;
        }
    }

    /** A manifest and what reading it found. */
    public record Result(Manifest manifest, ValidationReport report) {
    }

    private final ValidationPolicy policy;
    private final ImageCheck imageCheck;

    private ManifestReader(ValidationPolicy policy, ImageCheck imageCheck) {
        this.policy = policy;
        this.imageCheck = imageCheck;
    }

    /** Fails on any problem and checks that images exist. */
    public static ManifestReader strict() {
        return new ManifestReader(ValidationPolicy.FAIL, ImageCheck.EXISTS);
    }

    public static ManifestReader of(ValidationPolicy policy, ImageCheck imageCheck) {
        return new ManifestReader(policy, imageCheck);
    }

    public Result read(Path folder) throws IOException {
        Path classesFile = folder.resolve(Manifest.CLASSES_FILE);
        Path bagsFile = folder.resolve(Manifest.BAGS_FILE);
        for (Path p : List.of(classesFile, bagsFile)) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toAbsolutePath().toString(), null,
                        "a manifest folder holds " + Manifest.BAGS_FILE + " and " + Manifest.CLASSES_FILE);
            }
        }
        List<ManifestProblem> problems = new ArrayList<>();
        List<String> classes = readClasses(classesFile, problems);
        if (!problems.isEmpty()) {
            throw new ManifestException(problems); // without the classes nothing else can be checked
        }
        Set<String> known = new HashSet<>(classes);
        List<BagRecord> kept = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Manifest resolver = new Manifest(folder, classes, List.of());
        int read = 0;
        try (Reader r = TextFiles.reader(bagsFile);
                CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180)) {
            Iterator<CSVRecord> it = csv.iterator();
            CSVRecord first = it.hasNext() ? it.next() : null;
            if (first == null || !isHeader(first)) {
                problems.add(new ManifestProblem(bagsFile, 1, null, Kind.BAD_HEADER,
                        first == null ? "the file is empty" : "found '" + String.join(",", first.toList()) + "'"));
                throw new ManifestException(problems);
            }
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                int line = (int) csv.getCurrentLineNumber();
                read++;
                if (rec.size() != 4) {
                    problems.add(new ManifestProblem(bagsFile, line, rec.size() > 0 ? rec.get(0) : null,
                            Kind.MALFORMED_ROW, "found " + rec.size() + " columns"));
                    continue;
                }
                String id = rec.get(0).trim();
                List<ManifestProblem> bagProblems = new ArrayList<>();
                Split split = Split.parse(rec.get(1));
                if (split == null) {
                    bagProblems.add(new ManifestProblem(bagsFile, line, id, Kind.BAD_SPLIT, "found '" + rec.get(1) + "'"));
                }
                if (!ids.add(id)) {
                    bagProblems.add(new ManifestProblem(bagsFile, line, id, Kind.DUPLICATE_BAG_ID,
                            "an earlier row has the same id"));
                }
                List<String> labels = list(rec.get(2));
                for (String label : labels) {
                    if (!known.contains(label)) {
                        bagProblems.add(new ManifestProblem(bagsFile, line, id, Kind.UNKNOWN_LABEL,
                                "label '" + label + "' is not in " + Manifest.CLASSES_FILE));
                    }
                }
                List<String> instances = list(rec.get(3));
                for (String inst : instances) {
                    ManifestProblem p = imageCheck.check(bagsFile, line, id, inst, resolver.resolve(inst));
                    if (p != null) {
                        bagProblems.add(p); // the bag's label may come from that very image: the whole bag goes
                    }
                }
                if (instances.isEmpty()) {
                    bagProblems.add(new ManifestProblem(bagsFile, line, id, Kind.EMPTY_BAG, "no instances listed"));
                }
                problems.addAll(bagProblems);
                if (bagProblems.isEmpty()) {
                    kept.add(new BagRecord(id, split, labels, instances));
                }
            }
        } catch (UncheckedIOException e) {
            throw Csv.syntaxError(bagsFile, e);
        }
        if (policy == ValidationPolicy.FAIL && !problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return new Result(new Manifest(folder, classes, kept), new ValidationReport(problems, read, kept.size()));
    }

    private static boolean isHeader(CSVRecord first) {
        if (first.size() != Manifest.HEADER.length) {
            return false;
        }
        for (int i = 0; i < Manifest.HEADER.length; i++) {
            String cell = first.get(i).trim();
            if (!cell.equals(Manifest.HEADER[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<String> readClasses(Path file, List<ManifestProblem> problems) throws IOException {
        List<String> lines = TextFiles.readLines(file);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String label = lines.get(i).trim();
            if (label.isEmpty()) {
                problems.add(new ManifestProblem(file, i + 1, null, Kind.BAD_CLASSES, "empty line"));
            } else if (label.contains(";")) {
                problems.add(new ManifestProblem(file, i + 1, null, Kind.BAD_CLASSES,
                        "'" + label + "' contains ';', the list separator of bags.csv"));
            } else if (seen.putIfAbsent(label, i + 1) != null) {
                problems.add(new ManifestProblem(file, i + 1, null, Kind.BAD_CLASSES,
                        "'" + label + "' already on line " + seen.get(label)));
            } else {
                classes.add(label);
            }
        }
        if (classes.isEmpty() && problems.isEmpty()) {
            problems.add(new ManifestProblem(file, 0, null, Kind.BAD_CLASSES, "no labels"));
        }
        return classes;
    }

    /** A ';'-separated cell as a list: trimmed, empty entries dropped, duplicates removed. */
    static List<String> list(String cell) {
        return new ArrayList<>(new LinkedHashSet<>(Arrays.stream(cell.split(";")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()));
    }
}
