package org.dragnj.datasets.hpa.grouping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.hpa.grouping.CsvLines.Row;

/**
 * Reads the grouping file of an HPA cropping run and checks it: every problem is located (file,
 * line, bag) and all of them are reported together in one {@link GroupingException}.
 */
public final class GroupingReader {

    private static final List<String> BAG_HEADER = List.of("bag_id", "image_id", "labels");
    private static final List<String> BAG_HEADER_SPLIT = List.of("bag_id", "image_id", "labels", "split");
    private static final List<String> KAGGLE_HEADER = List.of("id", "target");

    private GroupingReader() {
    }

    /** As {@link #read(Path, GroupingFormat, List)}, with {@code defaultSplit} for the bags that name no split. */
    public static HpaGrouping read(Path file, GroupingFormat format, List<String> classes, Split defaultSplit)
            throws IOException {
        return read(file, format, classes).withUnnamedSplits(defaultSplit, null);
    }

    /**
     * Reads a grouping file; a bag whose rows name no split has a null split
     * (see {@link HpaGrouping#withUnnamedSplits}).
     *
     * @param classes BAG_CSV: allowed labels in order, or empty to take the sorted union of the labels
     *                found; KAGGLE_TRAIN_CSV: the name of each class index (required)
     */
    public static HpaGrouping read(Path file, GroupingFormat format, List<String> classes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toAbsolutePath().toString(), null, "the image grouping file ("
                    + (format == GroupingFormat.BAG_CSV ? "bag_id,image_id,labels" : "Kaggle train.csv Id,Target")
                    + ") does not exist");
        }
        List<Row> rows = CsvLines.read(file);
        return switch (format) {
            case BAG_CSV -> readBagCsv(file, rows, classes);
            case KAGGLE_TRAIN_CSV -> readKaggle(file, rows, classes);
        };
    }

    /** A bag being collected from its rows. */
    private static final class Draft {
        final String id;
        final int line;
        final Set<String> labels;
        final String labelCell;
        final Split split;
        final List<String> images = new ArrayList<>();

        Draft(String id, int line, Set<String> labels, String labelCell, Split split) {
            this.id = id;
            this.line = line;
            this.labels = labels;
            this.labelCell = labelCell;
            this.split = split;
        }
    }

    private static HpaGrouping readBagCsv(Path file, List<Row> rows, List<String> classes)
            throws GroupingException {
        List<GroupingProblem> problems = new ArrayList<>();
        List<String> header = rows.isEmpty() || rows.get(0).cells() == null ? null
                : rows.get(0).cells().stream().map(String::toLowerCase).toList();
        if (header == null || !(header.equals(BAG_HEADER) || header.equals(BAG_HEADER_SPLIT))) {
            problems.add(new GroupingProblem(file, rows.isEmpty() ? 1 : rows.get(0).line(), null,
                    "the first line must be the header bag_id,image_id,labels (optionally ,split), found '"
                            + (rows.isEmpty() ? "an empty file" : rows.get(0).cells()) + "'"));
            throw new GroupingException(problems);
        }
        boolean hasSplit = header.size() == 4;
        Set<String> known = new LinkedHashSet<>(classes);
        Map<String, Draft> bags = new LinkedHashMap<>();
        Map<String, String> imageSeen = new HashMap<>(); // image id -> "line N (bag b)"
        for (Row row : rows.subList(1, rows.size())) {
            if (row.cells() == null || row.cells().size() != header.size()) {
                problems.add(new GroupingProblem(file, row.line(), null, row.cells() == null ? row.error()
                        : "expected " + header.size() + " columns " + String.join(",", header) + ", found "
                                + row.cells().size()));
                continue;
            }
            String bagId = row.cells().get(0);
            String imageId = row.cells().get(1);
            String labelCell = row.cells().get(2);
            if (bagId.isEmpty() || imageId.isEmpty()) {
                problems.add(new GroupingProblem(file, row.line(), bagId.isEmpty() ? null : bagId,
                        "bag_id and image_id must not be empty"));
                continue;
            }
            Set<String> labels = labelSet(labelCell);
            for (String label : labels) {
                if (!known.isEmpty() && !known.contains(label)) {
                    problems.add(new GroupingProblem(file, row.line(), bagId, "label '" + label
                            + "' is not one of the configured classes " + classes + " (fix the label or the class list)"));
                }
            }
            Split split = null;
            if (hasSplit && !row.cells().get(3).isEmpty()) {
                split = Split.parse(row.cells().get(3));
                if (split == null) {
                    problems.add(new GroupingProblem(file, row.line(), bagId, "split must be train, val or test, found '"
                            + row.cells().get(3) + "'"));
                }
            }
            Draft bag = bags.get(bagId);
            if (bag == null) {
                bag = new Draft(bagId, row.line(), labels, labelCell, split);
                bags.put(bagId, bag);
            } else {
                if (!bag.labels.equals(labels)) {
                    problems.add(new GroupingProblem(file, row.line(), bagId, "labels '" + labelCell
                            + "' differ from the bag's labels '" + bag.labelCell + "' on line " + bag.line
                            + "; every row of a bag must repeat the same labels"));
                }
                if (bag.split != split) {
                    problems.add(new GroupingProblem(file, row.line(), bagId, "split " + describe(split)
                            + " differs from the bag's split " + describe(bag.split) + " on line " + bag.line));
                }
            }
            String where = "line " + row.line() + " (bag '" + bagId + "')";
            String earlier = imageSeen.putIfAbsent(imageId, where);
            if (earlier != null) {
                problems.add(new GroupingProblem(file, row.line(), bagId, "image '" + imageId
                        + "' is already listed on " + earlier + "; an image belongs to one bag, once"));
            } else {
                bag.images.add(imageId);
            }
        }
        if (bags.isEmpty() && problems.isEmpty()) {
            problems.add(new GroupingProblem(file, 0, null, "no image rows after the header"));
        }
        if (problems.isEmpty() && classes.isEmpty() && bags.values().stream().allMatch(b -> b.labels.isEmpty())) {
            problems.add(new GroupingProblem(file, 0, null, "no bag has a label and no class list is configured;"
                    + " label the bags, or pass the class names (optClasses)"));
        }
        if (!problems.isEmpty()) {
            throw new GroupingException(problems);
        }
        List<String> order = classes.isEmpty()
                ? new ArrayList<>(new TreeSet<>(bags.values().stream().flatMap(b -> b.labels.stream()).toList()))
                : classes;
        return new HpaGrouping(file, order, bags.values().stream().map(b -> toBag(b, order)).toList());
    }

    private static HpaGrouping readKaggle(Path file, List<Row> rows, List<String> classes)
            throws GroupingException {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a Kaggle train.csv needs the class names of its indices");
        }
        List<GroupingProblem> problems = new ArrayList<>();
        List<String> header = rows.isEmpty() || rows.get(0).cells() == null ? null
                : rows.get(0).cells().stream().map(String::toLowerCase).toList();
        if (header == null || !header.equals(KAGGLE_HEADER)) {
            problems.add(new GroupingProblem(file, rows.isEmpty() ? 1 : rows.get(0).line(), null,
                    "the first line must be the Kaggle header Id,Target, found '"
                            + (rows.isEmpty() ? "an empty file" : rows.get(0).cells()) + "'"));
            throw new GroupingException(problems);
        }
        Map<String, Draft> bags = new LinkedHashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.cells() == null || row.cells().size() != 2) {
                problems.add(new GroupingProblem(file, row.line(), null, row.cells() == null ? row.error()
                        : "expected 2 columns Id,Target, found " + row.cells().size()));
                continue;
            }
            String id = row.cells().get(0);
            if (id.isEmpty()) {
                problems.add(new GroupingProblem(file, row.line(), null, "Id must not be empty"));
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            for (String token : row.cells().get(1).trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                int k;
                try {
                    k = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    problems.add(new GroupingProblem(file, row.line(), id, "Target '" + row.cells().get(1)
                            + "' must be space-separated class indices; '" + token + "' is not a number"));
                    continue;
                }
                if (k < 0 || k >= classes.size()) {
                    problems.add(new GroupingProblem(file, row.line(), id, "class index " + k + " is outside 0.."
                            + (classes.size() - 1) + " (" + classes.size()
                            + " class names configured; pass all names with optClasses)"));
                    continue;
                }
                labels.add(classes.get(k));
            }
            if (bags.containsKey(id)) {
                problems.add(new GroupingProblem(file, row.line(), id, "Id already listed on line "
                        + bags.get(id).line + "; every image appears once"));
                continue;
            }
            Draft bag = new Draft(id, row.line(), labels, row.cells().get(1), null);
            bag.images.add(id);
            bags.put(id, bag);
        }
        if (bags.isEmpty() && problems.isEmpty()) {
            problems.add(new GroupingProblem(file, 0, null, "no image rows after the header"));
        }
        if (!problems.isEmpty()) {
            throw new GroupingException(problems);
        }
        return new HpaGrouping(file, classes, bags.values().stream().map(b -> toBag(b, classes)).toList());
    }

    private static HpaBag toBag(Draft d, List<String> classOrder) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < classOrder.size(); i++) {
            rank.put(classOrder.get(i), i);
        }
        List<String> labels = d.labels.stream().sorted(Comparator.comparingInt(rank::get)).toList();
        return new HpaBag(d.id, labels, d.split, d.images, d.line);
    }

    private static String describe(Split split) {
        return split == null ? "(none named)" : "'" + split.id() + "'";
    }

    /** A ';'-separated label cell as a set: trimmed, empty entries dropped. */
    static Set<String> labelSet(String cell) {
        return new LinkedHashSet<>(Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
