package org.dragnj.datasets.manifest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.Csv;
import org.dragnj.bags.io.TextFiles;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.ManifestWriter;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.folder.ImageFolder;
import org.dragnj.datasets.manifest.ManifestProblem.Kind;
import org.dragnj.datasets.manifest.ManifestReader.ImageCheck;

/**
 * Makes a manifest from the layouts people have:
 * <ul>
 * <li>{@link Layout#FOLDER_PER_BAG}: {@code ROOT/<bag>/*.png|tif|jpg}, with a labels CSV
 * {@code bag_id,labels[,split][,…]};</li>
 * <li>{@link Layout#IMAGE_CSV}: one CSV {@code image,bag_id,labels[,split][,…]}, a row per image,
 * image paths relative to the CSV's folder.</li>
 * </ul>
 * Labels are separated by ';'. Without a split column, seeded {@link SplitFractions} assign whole
 * bags, or whole groups of bags sharing a value of a group column (gene, protein) so that no group
 * straddles splits. Every problem is located and, as when training reads a manifest, either fails
 * the whole run ({@link ValidationPolicy#FAIL}) or leaves the bag or image out and is reported
 * ({@link ValidationPolicy#SKIP}). The manifest's instances are paths relative to its folder.
 */
public final class ManifestMaker {

    /** Where bags and labels come from. */
    public enum Layout { FOLDER_PER_BAG, IMAGE_CSV }

    public static final String IMAGE = "image";
    public static final String BAG_ID = "bag_id";
    public static final String LABELS = "labels";
    public static final String SPLIT = "split";

    /**
     * @param layout      which input layout
     * @param source      the root folder (FOLDER_PER_BAG) or the images CSV (IMAGE_CSV)
     * @param labels      the labels CSV (FOLDER_PER_BAG only, else null)
     * @param fractions   split fractions and seed for inputs without a split column
     * @param groupColumn a column whose value groups bags into one split, or null
     * @param policy      fail on any problem, or skip and report
     * @param imageCheck  how much to check each image
     */
    public record Spec(Layout layout, Path source, Path labels, SplitFractions fractions, String groupColumn,
            ValidationPolicy policy, ImageCheck imageCheck) {
        public Spec {
            Objects.requireNonNull(layout, "layout");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(fractions, "fractions");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(imageCheck, "imageCheck");
            if ((layout == Layout.FOLDER_PER_BAG) != (labels != null)) {
                throw new IllegalArgumentException("a labels CSV goes with the folder-per-bag layout, and only with it");
            }
            if (groupColumn != null && groupColumn.isBlank()) {
                groupColumn = null;
            }
        }
    }

    /**
     * What was made.
     *
     * @param manifest    the manifest written
     * @param report      every problem and what was kept
     * @param labelCounts bags carrying each label, per split (classes in manifest order)
     * @param splitsGiven whether the input gave the splits (else fractions assigned them)
     */
    public record Result(Manifest manifest, ValidationReport report, Map<Split, int[]> labelCounts,
            boolean splitsGiven) {

        public int bags(Split split) {
            return (int) manifest.bags().stream().filter(b -> b.split() == split).count();
        }
    }

    /** One bag as the input describes it, before validation. */
    private static final class Draft {
        final String id;
        final Path source;
        final int line;
        List<String> labels;
        String split;
        String group;
        final Map<String, Path> images = new LinkedHashMap<>();
        final List<ManifestProblem> problems = new ArrayList<>();

        Draft(String id, Path source, int line) {
            this.id = id;
            this.source = source;
            this.line = line;
        }
    }

    private ManifestMaker() {
    }

    /**
     * Reads the input, validates it, assigns splits and writes {@code out/bags.csv} and
     * {@code out/classes.txt} (each atomically; nothing is written when the policy fails the run).
     *
     * @throws ManifestException listing every problem, under {@link ValidationPolicy#FAIL}
     */
    public static Result make(Spec spec, Path out) throws IOException {
        List<ManifestProblem> fatal = new ArrayList<>();
        Map<String, Draft> drafts = spec.layout() == Layout.FOLDER_PER_BAG ? fromFolders(spec, fatal)
                : fromImageCsv(spec, fatal);
        if (!fatal.isEmpty()) {
            throw new ManifestException(fatal);
        }
        Path folder = out.toAbsolutePath().normalize();
        List<ManifestProblem> problems = new ArrayList<>();
        List<Draft> usable = new ArrayList<>();
        for (Draft d : drafts.values()) {
            List<ManifestProblem> imageProblems = new ArrayList<>();
            d.images.forEach((written, file) -> {
                ManifestProblem p = spec.imageCheck().check(d.source, d.line, d.id, written, file);
                if (p != null) {
                    imageProblems.add(p);
                }
            });
            if (d.images.isEmpty() && d.problems.isEmpty()) {
                d.problems.add(new ManifestProblem(d.source, d.line, d.id, Kind.EMPTY_BAG, "no images"));
            }
            problems.addAll(d.problems);
            problems.addAll(imageProblems);
            // a bag's label may come from the very image that is missing: the whole bag goes, not the image
            if (d.problems.isEmpty() && imageProblems.isEmpty()) {
                usable.add(d);
            }
        }
        boolean splitsGiven = assignSplits(spec, usable, problems);
        if (spec.policy() == ValidationPolicy.FAIL && !problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        TreeSet<String> classSet = new TreeSet<>();
        usable.forEach(d -> classSet.addAll(d.labels));
        List<String> classes = List.copyOf(classSet);
        List<BagRecord> bags = new ArrayList<>();
        for (Draft d : usable) {
            List<String> instances = d.images.values().stream()
                    .map(file -> folder.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/'))
                    .toList();
            bags.add(new BagRecord(d.id, Split.parse(d.split), d.labels, instances));
        }
        if (bags.isEmpty()) {
            throw new ManifestException(problems.isEmpty() ? List.of(new ManifestProblem(spec.source(), 0, null,
                    Kind.EMPTY_BAG, "the input holds no bags")) : problems);
        }
        Files.createDirectories(folder);
        Manifest manifest = new Manifest(folder, classes, bags);
        ManifestWriter.write(manifest);
        return new Result(manifest, new ValidationReport(problems, drafts.size(), bags.size()),
                labelCounts(manifest), splitsGiven);
    }

    // ---- folder per bag --------------------------------------------------------------------------

    private static Map<String, Draft> fromFolders(Spec spec, List<ManifestProblem> fatal) throws IOException {
        Path root = spec.source();
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toAbsolutePath().toString(), null, "the folder of bag folders");
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        Table table = Table.read(spec.labels(), List.of(BAG_ID, LABELS), spec.groupColumn(), fatal);
        if (table == null) {
            return drafts;
        }
        for (Row row : table.rows()) {
            Draft d = new Draft(row.bagId(), spec.labels(), row.line());
            if (drafts.containsKey(d.id)) {
                drafts.get(d.id).problems.add(new ManifestProblem(spec.labels(), row.line(), d.id,
                        Kind.DUPLICATE_BAG_ID, "an earlier row has the same bag"));
                continue;
            }
            d.labels = row.labels();
            d.split = row.split();
            d.group = row.group();
            d.problems.addAll(row.problems());
            if (d.labels.isEmpty()) {
                d.problems.add(new ManifestProblem(spec.labels(), row.line(), d.id, Kind.NO_LABELS, "empty labels"));
            }
            Path dir = root.resolve(d.id);
            if (!Files.isDirectory(dir)) {
                d.problems.add(new ManifestProblem(spec.labels(), row.line(), d.id, Kind.NO_BAG_FOLDER,
                        "no folder " + dir));
            } else {
                for (Path image : images(dir)) {
                    d.images.put(root.relativize(image).toString().replace('\\', '/'), image);
                }
            }
            drafts.put(d.id, d);
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.filter(Files::isDirectory).sorted().toList()) {
                String id = dir.getFileName().toString();
                if (!drafts.containsKey(id) && !images(dir).isEmpty()) {
                    Draft d = new Draft(id, dir, 0);
                    d.problems.add(new ManifestProblem(spec.labels(), 0, id, Kind.NO_LABELS,
                            "folder " + dir + " has images but no row in the labels CSV"));
                    drafts.put(id, d);
                }
            }
        }
        return drafts;
    }

    private static List<Path> images(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
        }
    }

    // ---- one CSV of images -----------------------------------------------------------------------

    private static Map<String, Draft> fromImageCsv(Spec spec, List<ManifestProblem> fatal) throws IOException {
        Path csv = spec.source();
        Path base = csv.toAbsolutePath().getParent();
        Map<String, Draft> drafts = new LinkedHashMap<>();
        Table table = Table.read(csv, List.of(IMAGE, BAG_ID, LABELS), spec.groupColumn(), fatal);
        if (table == null) {
            return drafts;
        }
        for (Row row : table.rows()) {
            Draft d = drafts.get(row.bagId());
            if (d == null) {
                d = new Draft(row.bagId(), csv, row.line());
                d.labels = row.labels();
                d.split = row.split();
                d.group = row.group();
                if (d.labels.isEmpty()) {
                    d.problems.add(new ManifestProblem(csv, row.line(), d.id, Kind.NO_LABELS, "empty labels"));
                }
                drafts.put(d.id, d);
            } else if (!d.labels.equals(row.labels()) || !Objects.equals(d.split, row.split())
                    || !Objects.equals(d.group, row.group())) {
                d.problems.add(new ManifestProblem(csv, row.line(), d.id, Kind.CONFLICTING_ROWS, "line " + d.line
                        + " gives labels " + d.labels + ", split " + d.split + ", group " + d.group + "; this one "
                        + row.labels() + ", " + row.split() + ", " + row.group()));
            }
            d.problems.addAll(row.problems());
            String image = row.image();
            if (!image.isEmpty() && d.images.put(image, base.resolve(image).normalize()) != null) {
                d.problems.add(new ManifestProblem(csv, row.line(), d.id, Kind.CONFLICTING_ROWS,
                        "image " + image + " is listed twice"));
            }
        }
        return drafts;
    }

    // ---- splits ----------------------------------------------------------------------------------

    /** Fills in every usable bag's split; returns whether the input gave them. */
    private static boolean assignSplits(Spec spec, List<Draft> usable, List<ManifestProblem> problems)
            throws ManifestException {
        long given = usable.stream().filter(d -> d.split != null).count();
        if (given > 0 && given < usable.size()) {
            Draft without = usable.stream().filter(d -> d.split == null).findFirst().orElseThrow();
            throw new ManifestException(List.of(new ManifestProblem(without.source, without.line, without.id,
                    Kind.PARTIAL_SPLITS, given + " of " + usable.size() + " bags have a split")));
        }
        if (given > 0) {
            return true;
        }
        Map<String, String> groupOf = new LinkedHashMap<>();
        for (Draft d : usable) {
            String group = spec.groupColumn() == null ? "bag:" + d.id : d.group;
            if (group == null || group.isEmpty()) {
                problems.add(new ManifestProblem(d.source, d.line, d.id, Kind.EMPTY_CELL,
                        "no value in group column " + spec.groupColumn()));
                group = "bag:" + d.id;
            }
            groupOf.put(d.id, group);
        }
        Map<String, Split> byGroup = spec.fractions().assign(groupOf.values());
        for (Draft d : usable) {
            d.split = byGroup.get(groupOf.get(d.id)).id();
        }
        return false;
    }

    private static Map<Split, int[]> labelCounts(Manifest manifest) {
        Map<Split, int[]> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            counts.put(s, new int[manifest.classes().size()]);
        }
        for (BagRecord b : manifest.bags()) {
            for (String label : b.labels()) {
                counts.get(b.split())[manifest.classes().indexOf(label)]++;
            }
        }
        return counts;
    }

    // ---- CSV input -------------------------------------------------------------------------------

    /** A data row: the required cells, the optional split and group, and what is wrong with it. */
    private record Row(int line, String image, String bagId, List<String> labels, String split, String group,
            List<ManifestProblem> problems) {
    }

    private record Table(List<Row> rows) {

        /** Null (and a problem in {@code fatal}) when the header lacks a required column. */
        static Table read(Path file, List<String> required, String groupColumn, List<ManifestProblem> fatal)
                throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "CSV with columns "
                        + String.join(",", required) + "[," + SPLIT + "]");
            }
            try (Reader r = TextFiles.reader(file);
                    CSVParser csv = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader()
                            .setSkipHeaderRecord(true).setTrim(true).build())) {
                List<String> header = csv.getHeaderNames().stream().map(String::trim).toList();
                Set<String> needed = new LinkedHashSet<>(required);
                if (groupColumn != null) {
                    needed.add(groupColumn);
                }
                List<String> absent = needed.stream().filter(c -> !header.contains(c)).toList();
                if (!absent.isEmpty()) {
                    fatal.add(new ManifestProblem(file, 1, null, Kind.MISSING_COLUMN, "no column " + absent
                            + " in the header " + header));
                    return null;
                }
                boolean hasSplit = header.contains(SPLIT);
                List<Row> rows = new ArrayList<>();
                for (CSVRecord rec : csv) {
                    int line = (int) csv.getCurrentLineNumber();
                    if (rec.size() == 1 && rec.get(0).isBlank()) {
                        continue;
                    }
                    List<ManifestProblem> problems = new ArrayList<>();
                    String bagId = cell(rec, header, BAG_ID);
                    for (String c : required) {
                        if (cell(rec, header, c).isEmpty() && !c.equals(LABELS)) {
                            problems.add(new ManifestProblem(file, line, bagId.isEmpty() ? null : bagId,
                                    Kind.EMPTY_CELL, "no value in column " + c));
                        }
                    }
                    String split = hasSplit ? cell(rec, header, SPLIT) : "";
                    if (!split.isEmpty() && Split.parse(split) == null) {
                        problems.add(new ManifestProblem(file, line, bagId, Kind.BAD_SPLIT, "found '" + split + "'"));
                    }
                    if (bagId.isEmpty()) {
                        fatal.addAll(problems);
                        continue;
                    }
                    List<String> labels = new ArrayList<>(new LinkedHashSet<>(Stream.of(
                            cell(rec, header, LABELS).split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
                    rows.add(new Row(line, required.contains(IMAGE) ? cell(rec, header, IMAGE) : null, bagId, labels,
                            split.isEmpty() ? null : Split.parse(split) == null ? split : Split.parse(split).id(),
                            groupColumn == null ? null : cell(rec, header, groupColumn), problems));
                }
                return new Table(rows);
            } catch (UncheckedIOException e) {
                throw Csv.syntaxError(file, e);
            }
        }

        private static String cell(CSVRecord rec, List<String> header, String column) {
            int i = header.indexOf(column);
            return i < rec.size() ? rec.get(i).trim() : "";
        }
    }
}
