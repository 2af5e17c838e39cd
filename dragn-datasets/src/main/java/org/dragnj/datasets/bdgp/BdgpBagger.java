package org.dragnj.datasets.bdgp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.bdgp.BdgpTables.AnnotationRow;
import org.dragnj.datasets.bdgp.BdgpTables.ImageRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the BDGP tables into a bag manifest with the paper's protocol (docs/design.md §5), in this order:
 * <ol>
 * <li>drop image rows outside the kept stage groups and views, and annotation rows outside the
 *     kept stage groups;</li>
 * <li>keep genes present in both remaining tables;</li>
 * <li>a bag is a gene × stage group ({@code <gene>_s<group>}, the authors' id): its instances are
 *     the union of its image files (table order, duplicates merged), its terms the union of its
 *     terms;</li>
 * <li>drop bags without an image or without a term;</li>
 * <li>with an image folder: drop instances whose file is missing, then bags with none left — as
 *     the authors' code does, before the terms are counted, so the classes describe the bags that
 *     can actually be used;</li>
 * <li>count each term once per bag; the classes are the k most frequent, ties broken by term name
 *     (ascending, {@link String#compareTo}) so the choice never depends on hash order;</li>
 * <li>a bag's labels are its terms among the classes, in class order; drop bags with none;</li>
 * <li>split the bag ids with the {@link SplitScheme} and seed.</li>
 * </ol>
 * Every row and bag left out is counted, by reason, in the {@link BaggingReport}.
 */
public final class BdgpBagger {

    private static final Logger LOG = LoggerFactory.getLogger(BdgpBagger.class);
    static final String TIE_BREAK = "frequency descending, then term name ascending (String.compareTo)";

    private BdgpBagger() {
    }

    /** Reads the tables named by the config, bags them and writes the manifest folder and its report. */
    public static BdgpBagging run(BdgpBaggingSpec config, ProgressListener progress) throws IOException {
        BdgpBagging bagging = bag(BdgpTables.read(config.imagesCsv(), config.annotationsCsv()), config, progress);
        bagging.write();
        LOG.info("wrote BDGP manifest to {}", config.outputFolder().toAbsolutePath());
        return bagging;
    }

    /** Bags the tables without writing anything. */
    public static BdgpBagging bag(BdgpTables tables, BdgpBaggingSpec config, ProgressListener progress)
            throws IOException {
        return new Run(tables, config, BdgpImageFolder.of(config.imageFolder(), config.outputFolder())).bag(progress);
    }

    /** A gene × stage group. */
    private record Key(String gene, int stage) {
        /** Gene, then stage group: a fixed iteration order that needs no string building. */
        static final Comparator<Key> ORDER = Comparator.comparing(Key::gene).thenComparingInt(Key::stage);

        String id() {
            return gene + "_s" + stage;
        }
    }

    /** One pass of the protocol; holds what each step found, for the report. */
    private static final class Run {
        private final BdgpTables tables;
        private final BdgpBaggingSpec config;
        private final BdgpImageFolder images;
        private final Map<String, Integer> imageRowsDropped = new LinkedHashMap<>();
        private final Map<String, Integer> annotationRowsDropped = new LinkedHashMap<>();
        private final Map<String, Integer> viewsDropped = new TreeMap<>();
        private final Map<String, Integer> dropped = new LinkedHashMap<>();
        private final Map<String, List<String>> droppedExamples = new LinkedHashMap<>();
        private final Map<Key, LinkedHashSet<String>> files = new TreeMap<>(Key.ORDER);
        private final Map<Key, LinkedHashSet<String>> terms = new TreeMap<>(Key.ORDER);
        private final List<String> missingExamples = new ArrayList<>();
        private final Map<String, Integer> frequency = new HashMap<>();
        private final List<Map.Entry<String, Integer>> ranked = new ArrayList<>();
        private int genesWithImages;
        private int genesWithAnnotations;
        private int genesInBoth;
        private int duplicateFiles;
        private int duplicateTerms;
        private Integer missing;
        private int bagsWithMissing;

        Run(BdgpTables tables, BdgpBaggingSpec config, BdgpImageFolder images) {
            this.tables = tables;
            this.config = config;
            this.images = images;
            for (String reason : BaggingReport.DROP_REASONS) {
                dropped.put(reason, 0);
                droppedExamples.put(reason, new ArrayList<>());
            }
            imageRowsDropped.put("stage_group_excluded", 0);
            imageRowsDropped.put("view_excluded", 0);
            annotationRowsDropped.put("stage_group_excluded", 0);
        }

        BdgpBagging bag(ProgressListener progress) {
            group(keptImageRows(), keptAnnotationRows());
            Map<Key, List<String>> bagFiles = checkImages(withImagesAndTerms(), progress);
            List<String> classes = chooseClasses(bagFiles.keySet());
            Map<String, List<String>> labelsById = new LinkedHashMap<>();
            Map<String, List<String>> filesById = new LinkedHashMap<>();
            for (Map.Entry<Key, List<String>> e : bagFiles.entrySet()) {
                Set<String> bagTerms = terms.get(e.getKey());
                List<String> labels = classes.stream().filter(bagTerms::contains).toList();
                if (labels.isEmpty()) {
                    drop(BaggingReport.NO_TOP_K_TERM, e.getKey().id());
                } else {
                    labelsById.put(e.getKey().id(), labels);
                    filesById.put(e.getKey().id(), e.getValue());
                }
            }
            Manifest manifest = new Manifest(config.outputFolder(), classes, split(labelsById, filesById));
            BaggingReport report = report(manifest, filesById, classes);
            LOG.info("BDGP bagging: {} bags ({} train, {} val, {} test), {} instances, {} classes; dropped {}",
                    report.bags(), report.bagsPerSplit().get("train"), report.bagsPerSplit().get("val"),
                    report.bagsPerSplit().get("test"), report.instances(), classes.size(), report.droppedBags());
            if (report.imagesInSeveralSplits() > 0) {
                LOG.warn("{} image files are listed under bags of different splits (the tables list them under two"
                        + " genes)", report.imagesInSeveralSplits());
            }
            return new BdgpBagging(manifest, report);
        }

        /** Step 1: image rows of the kept stage groups and views. */
        private List<ImageRow> keptImageRows() {
            List<ImageRow> kept = new ArrayList<>();
            for (ImageRow r : tables.images()) {
                if (!config.stageGroups().contains(r.stageGroup())) {
                    imageRowsDropped.merge("stage_group_excluded", 1, Integer::sum);
                } else if (r.view() == null || !config.views().contains(r.view())) {
                    imageRowsDropped.merge("view_excluded", 1, Integer::sum);
                    viewsDropped.merge(r.direction(), 1, Integer::sum);
                } else {
                    kept.add(r);
                }
            }
            return kept;
        }

        /** Step 1: annotation rows of the kept stage groups. */
        private List<AnnotationRow> keptAnnotationRows() {
            List<AnnotationRow> kept = new ArrayList<>();
            for (AnnotationRow r : tables.annotations()) {
                if (config.stageGroups().contains(r.stageGroup())) {
                    kept.add(r);
                } else {
                    annotationRowsDropped.merge("stage_group_excluded", 1, Integer::sum);
                }
            }
            return kept;
        }

        /** Steps 2 and 3: genes in both tables, grouped into gene × stage-group file and term sets. */
        private void group(List<ImageRow> imageRows, List<AnnotationRow> annotationRows) {
            Set<String> imageGenes = new HashSet<>();
            imageRows.forEach(r -> imageGenes.add(r.gene()));
            Set<String> annotationGenes = new HashSet<>();
            annotationRows.forEach(r -> annotationGenes.add(r.gene()));
            Set<String> genes = new HashSet<>(imageGenes);
            genes.retainAll(annotationGenes);
            genesWithImages = imageGenes.size();
            genesWithAnnotations = annotationGenes.size();
            genesInBoth = genes.size();

            Set<Key> outside = new TreeSet<>(Key.ORDER);
            for (ImageRow r : imageRows) {
                Key key = new Key(r.gene(), r.stageGroup());
                if (genes.contains(r.gene())) {
                    duplicateFiles += addAll(files.computeIfAbsent(key, k -> new LinkedHashSet<>()), r.files());
                } else {
                    outside.add(key);
                }
            }
            for (AnnotationRow r : annotationRows) {
                Key key = new Key(r.gene(), r.stageGroup());
                if (genes.contains(r.gene())) {
                    duplicateTerms += addAll(terms.computeIfAbsent(key, k -> new LinkedHashSet<>()), r.terms());
                } else {
                    outside.add(key);
                }
            }
            outside.forEach(k -> drop(BaggingReport.GENE_NOT_IN_BOTH_TABLES, k.id()));
        }

        /** Adds the items in order; returns how many were already there. */
        private static int addAll(Set<String> set, List<String> items) {
            int repeated = 0;
            for (String item : items) {
                repeated += set.add(item) ? 0 : 1;
            }
            return repeated;
        }

        /** Step 4: bags with at least one image and one term, with their files. */
        private Map<Key, List<String>> withImagesAndTerms() {
            Set<Key> keys = new TreeSet<>(Key.ORDER);
            keys.addAll(files.keySet());
            keys.addAll(terms.keySet());
            Map<Key, List<String>> out = new LinkedHashMap<>();
            for (Key k : keys) {
                if (files.getOrDefault(k, new LinkedHashSet<>()).isEmpty()) {
                    drop(BaggingReport.NO_IMAGES, k.id());
                } else if (terms.getOrDefault(k, new LinkedHashSet<>()).isEmpty()) {
                    drop(BaggingReport.NO_TERMS, k.id());
                } else {
                    out.put(k, List.copyOf(files.get(k)));
                }
            }
            return out;
        }

        /** Step 5: without the files missing from the image folder, and without bags left empty. */
        private Map<Key, List<String>> checkImages(Map<Key, List<String>> bagFiles, ProgressListener progress) {
            if (!images.checked()) {
                LOG.warn("no image folder given: BDGP images are not checked, every listed file is kept");
                return bagFiles;
            }
            missing = 0;
            long total = bagFiles.values().stream().mapToLong(List::size).sum();
            progress.started("checking BDGP images in " + images.folder(), total, "images");
            Map<Key, List<String>> present = new LinkedHashMap<>();
            try {
                for (Map.Entry<Key, List<String>> e : bagFiles.entrySet()) {
                    List<String> kept = new ArrayList<>();
                    for (String f : e.getValue()) {
                        if (images.exists(f)) {
                            kept.add(f);
                        } else {
                            missing++;
                            if (missingExamples.size() < 20) {
                                missingExamples.add(f);
                            }
                        }
                    }
                    progress.advanced(e.getValue().size(), e.getKey().id());
                    if (kept.isEmpty()) {
                        drop(BaggingReport.ALL_IMAGES_MISSING, e.getKey().id());
                    } else {
                        bagsWithMissing += kept.size() < e.getValue().size() ? 1 : 0;
                        present.put(e.getKey(), kept);
                    }
                }
            } finally {
                progress.finished();
            }
            if (missing > 0) {
                LOG.warn("{} of {} BDGP instances are not in {} (e.g. {}); {} bags lost every image", missing, total,
                        images.folder(), missingExamples.get(0), dropped.get(BaggingReport.ALL_IMAGES_MISSING));
            }
            return present;
        }

        /** Step 6: the k most frequent terms, each counted once per bag, ties by name. */
        private List<String> chooseClasses(Set<Key> bags) {
            for (Key k : bags) {
                for (String t : terms.get(k)) {
                    frequency.merge(t, 1, Integer::sum);
                }
            }
            ranked.addAll(frequency.entrySet());
            ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            int k = Math.min(config.topK(), ranked.size());
            if (k < config.topK()) {
                LOG.warn("only {} distinct terms in the BDGP bags, fewer than k = {}", ranked.size(), config.topK());
            }
            List<String> classes = ranked.subList(0, k).stream().map(Map.Entry::getKey).toList();
            for (String c : classes) {
                if (c.contains(";")) {
                    throw new IllegalArgumentException("the term '" + c + "' contains ';', the list separator of"
                            + " bags.csv; it cannot be a class name");
                }
            }
            return classes;
        }

        /** Step 8: the bags in split order, each split in shuffled order. */
        private List<BagRecord> split(Map<String, List<String>> labelsById, Map<String, List<String>> filesById) {
            Map<Split, List<String>> split = config.splitScheme().split(List.copyOf(labelsById.keySet()), config.seed());
            List<BagRecord> bags = new ArrayList<>();
            for (Split s : Split.values()) {
                for (String id : split.get(s)) {
                    List<String> instances = filesById.get(id).stream().map(images::instancePath).toList();
                    for (String i : instances) {
                        if (i.contains(";")) {
                            throw new IllegalArgumentException("bag " + id + ": the image path '" + i + "' contains ';',"
                                    + " the list separator of bags.csv; rename the file (or folder) and its table entry");
                        }
                    }
                    bags.add(new BagRecord(id, s, labelsById.get(id), instances));
                }
            }
            return bags;
        }

        private void drop(String reason, String id) {
            dropped.merge(reason, 1, Integer::sum);
            List<String> ex = droppedExamples.get(reason);
            if (ex.size() < 10) {
                ex.add(id);
            }
        }

        private BaggingReport report(Manifest manifest, Map<String, List<String>> filesById, List<String> classes) {
            Map<String, Integer> bagsPerSplit = new LinkedHashMap<>();
            Map<String, Integer> instancesPerSplit = new LinkedHashMap<>();
            Map<String, Map<String, Integer>> classCounts = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                bagsPerSplit.put(s.id(), 0);
                instancesPerSplit.put(s.id(), 0);
            }
            for (String s : List.of("train", "val", "test", "all")) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                classes.forEach(c -> counts.put(c, 0));
                classCounts.put(s, counts);
            }
            Map<String, Set<Split>> splitsOfFile = new HashMap<>();
            Map<String, Integer> bagsOfFile = new HashMap<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            int sum = 0;
            for (BagRecord b : manifest.bags()) {
                bagsPerSplit.merge(b.split().id(), 1, Integer::sum);
                instancesPerSplit.merge(b.split().id(), b.instances().size(), Integer::sum);
                for (String label : b.labels()) {
                    classCounts.get(b.split().id()).merge(label, 1, Integer::sum);
                    classCounts.get("all").merge(label, 1, Integer::sum);
                }
                for (String f : filesById.get(b.id())) {
                    splitsOfFile.computeIfAbsent(f, x -> new HashSet<>()).add(b.split());
                    bagsOfFile.merge(f, 1, Integer::sum);
                }
                min = Math.min(min, b.instances().size());
                max = Math.max(max, b.instances().size());
                sum += b.instances().size();
            }
            int n = manifest.bags().size();
            Map<String, Integer> termFrequencies = new LinkedHashMap<>();
            classes.forEach(c -> termFrequencies.put(c, frequency.get(c)));
            BaggingReport.Cutoff cutoff = null;
            if (!classes.isEmpty()) {
                int kth = frequency.get(classes.get(classes.size() - 1));
                Integer next = ranked.size() > classes.size() ? ranked.get(classes.size()).getValue() : null;
                List<String> tied = ranked.subList(classes.size(), ranked.size()).stream()
                        .filter(e -> e.getValue() == kth).map(Map.Entry::getKey).toList();
                cutoff = new BaggingReport.Cutoff(kth, next, tied);
            }
            Map<String, Double> fractions = new LinkedHashMap<>();
            config.splitScheme().fractions().forEach((s, f) -> fractions.put(s.id(), f));
            BaggingReport.Rows rows = new BaggingReport.Rows(tables.images().size(), tables.annotations().size(),
                    imageRowsDropped, annotationRowsDropped, viewsDropped, duplicateFiles, duplicateTerms,
                    genesWithImages, genesWithAnnotations, genesInBoth);
            return new BaggingReport(tables.imagesSource(), tables.annotationsSource(),
                    images.checked() ? images.folder().toString() : null, images.checked(), config.stageGroupList(),
                    config.viewList().stream().map(View::id).toList(), config.topK(), TIE_BREAK,
                    config.splitScheme().name(), fractions, config.seed(), rows, n, bagsPerSplit, sum,
                    instancesPerSplit, bagsOfFile.size(), (int) bagsOfFile.values().stream().filter(c -> c > 1).count(),
                    (int) splitsOfFile.values().stream().filter(s -> s.size() > 1).count(), missing,
                    missingExamples, bagsWithMissing, dropped, droppedExamples, classes, frequency.size(),
                    termFrequencies, cutoff, classCounts,
                    new BaggingReport.BagLength(n == 0 ? 0 : min, max, n == 0 ? 0 : (double) sum / n));
        }
    }
}
