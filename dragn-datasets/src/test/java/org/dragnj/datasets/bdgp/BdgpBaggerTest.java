package org.dragnj.datasets.bdgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Bagging of the real BDGP tables (the copies shipped in this module), checked against a plain recomputation. */
class BdgpBaggerTest {

    private static BdgpTables tables;
    private static Plain plain;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        tables = BdgpTables.builtIn();
        plain = Plain.compute();
    }

    /**
     * The protocol written out as plainly as possible, independently of the production code: a
     * regular expression for the tuples, maps of sets, a sort for the top-k.
     */
    record Plain(Map<String, Set<String>> files, Map<String, Set<String>> terms, Map<String, Integer> frequencies) {

        static Plain compute() throws IOException {
            Set<String> stages = Set.of("2", "3", "4", "5", "6");
            Set<String> views = Set.of("lateral", "dorsal", "ventral");
            List<CSVRecord> imageRows = csv("standard_images.csv");
            List<CSVRecord> annotationRows = csv("standard_annotations.csv");
            Set<String> imageGenes = new HashSet<>();
            for (CSVRecord r : imageRows) {
                if (stages.contains(r.get(1)) && views.contains(r.get(2))) {
                    imageGenes.add(r.get(0));
                }
            }
            Set<String> annotationGenes = new HashSet<>();
            for (CSVRecord r : annotationRows) {
                if (stages.contains(r.get(1))) {
                    annotationGenes.add(r.get(0));
                }
            }
            Map<String, Set<String>> files = new TreeMap<>();
            for (CSVRecord r : imageRows) {
                if (stages.contains(r.get(1)) && views.contains(r.get(2)) && annotationGenes.contains(r.get(0))) {
                    files.computeIfAbsent(r.get(0) + "_s" + r.get(1), k -> new LinkedHashSet<>()).addAll(strings(r.get(3)));
                }
            }
            Map<String, Set<String>> terms = new TreeMap<>();
            for (CSVRecord r : annotationRows) {
                if (stages.contains(r.get(1)) && imageGenes.contains(r.get(0))) {
                    terms.computeIfAbsent(r.get(0) + "_s" + r.get(1), k -> new HashSet<>()).addAll(strings(r.get(2)));
                }
            }
            files.keySet().retainAll(terms.keySet());
            terms.keySet().retainAll(files.keySet());
            files.values().removeIf(Set::isEmpty);
            terms.values().removeIf(Set::isEmpty);
            files.keySet().retainAll(terms.keySet());
            terms.keySet().retainAll(files.keySet());
            Map<String, Integer> frequencies = new HashMap<>();
            terms.values().forEach(ts -> ts.forEach(t -> frequencies.merge(t, 1, Integer::sum)));
            return new Plain(files, terms, frequencies);
        }

        static List<String> strings(String tuple) {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"").matcher(tuple);
            while (m.find()) {
                out.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            return out;
        }

        static List<CSVRecord> csv(String name) throws IOException {
            try (Reader r = new InputStreamReader(BdgpBaggerTest.class.getResourceAsStream("/org/dragnj/datasets/bdgp/" + name),
                    StandardCharsets.UTF_8)) {
                return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
            }
        }

        List<String> topK(int k) {
            Map<String, Integer> f = frequencies();
            return f.keySet().stream().sorted((a, b) -> f.get(a).equals(f.get(b)) ? a.compareTo(b) : f.get(b) - f.get(a))
                    .limit(k).toList();
        }

        /** Bag id to its top-k labels, for bags that keep at least one. */
        Map<String, Set<String>> labels(int k) {
            List<String> top = topK(k);
            Map<String, Set<String>> out = new TreeMap<>();
            terms.forEach((id, ts) -> {
                Set<String> l = ts.stream().filter(top::contains).collect(Collectors.toSet());
                if (!l.isEmpty()) {
                    out.put(id, l);
                }
            });
            return out;
        }
    }

    private BdgpBaggingSpec.Builder config() {
        return BdgpBaggingSpec.builder().setOutputFolder(dir.resolve("manifest"));
    }

    private static Map<String, BagRecord> byId(Manifest m) {
        Map<String, BagRecord> out = new TreeMap<>();
        m.bags().forEach(b -> out.put(b.id(), b));
        return out;
    }

    @Test
    void bagsLabelsAndInstancesEqualThePlainComputationForK10To30() throws IOException {
        for (int k : new int[] {10, 20, 30}) {
            BdgpBagging result = BdgpBagger.bag(tables, config().optTopK(k).build(), ProgressListener.NONE);
            Map<String, Set<String>> labels = plain.labels(k);
            Map<String, BagRecord> bags = byId(result.manifest());
            assertThat(result.manifest().classes()).as("classes, k=%d", k).isEqualTo(plain.topK(k));
            assertThat(bags.keySet()).as("bag ids, k=%d", k).isEqualTo(labels.keySet());
            Map<String, Set<String>> actualLabels = new TreeMap<>();
            Map<String, List<String>> actualInstances = new TreeMap<>();
            Map<String, List<String>> expectedInstances = new TreeMap<>();
            for (String id : labels.keySet()) {
                actualLabels.put(id, new HashSet<>(bags.get(id).labels()));
                actualInstances.put(id, bags.get(id).instances());
                expectedInstances.put(id, List.copyOf(plain.files.get(id)));
            }
            assertThat(actualLabels).as("labels, k=%d", k).isEqualTo(labels);
            assertThat(actualInstances).as("instances in table order, k=%d", k).isEqualTo(expectedInstances);
            int instances = labels.keySet().stream().mapToInt(id -> plain.files.get(id).size()).sum();
            BaggingReport r = result.report();
            assertThat(r.bags()).isEqualTo(labels.size());
            assertThat(r.instances()).isEqualTo(instances);
            assertThat(r.classes()).hasSize(k);
            assertThat(r.droppedBags().get(BaggingReport.NO_TOP_K_TERM)).isEqualTo(plain.terms.size() - labels.size());
            assertThat(r.missingInstances()).isNull();
            assertThat(r.imagesChecked()).isFalse();
            for (String c : r.classes()) {
                long n = labels.values().stream().filter(l -> l.contains(c)).count();
                assertThat(r.classCounts().get("all").get(c)).isEqualTo((int) n);
                assertThat(r.termFrequencies().get(c)).isEqualTo(plain.frequencies().get(c));
            }
        }
    }

    @Test
    void theRealTablesGiveTheKnownNumbers() throws IOException {
        // Numbers of the authors' own Python (load_all_data, filter_top_cv, split_train_val_test) on these tables.
        BdgpBagging r10 = BdgpBagger.bag(tables, config().build(), ProgressListener.NONE);
        assertThat(r10.report().bags()).isEqualTo(6785);
        assertThat(r10.report().instances()).isEqualTo(25536);
        assertThat(r10.report().bagsPerSplit()).containsExactly(Map.entry("train", 2714), Map.entry("val", 678),
                Map.entry("test", 3393));
        assertThat(r10.report().instancesPerSplit()).containsExactly(Map.entry("train", 10238), Map.entry("val", 2426),
                Map.entry("test", 12872));
        assertThat(r10.manifest().bags(Split.TRAIN).subList(0, 3)).extracting(BagRecord::id)
                .containsExactly("CG4274_s4", "CG9630_s5", "CG7168_s3");
        assertThat(r10.manifest().classes()).startsWith("ubiquitous", "faint ubiquitous", "embryonic midgut")
                .endsWith("embryonic hindgut");
        assertThat(r10.report().droppedBags()).containsEntry(BaggingReport.NO_IMAGES, 194)
                .containsEntry(BaggingReport.NO_TERMS, 0);
        assertThat(r10.report().rows().viewsDropped()).isEmpty();
        assertThat(r10.report().cutoff().tiedTermsLeftOut()).isEmpty();

        BdgpBagging r30 = BdgpBagger.bag(tables, config().optTopK(30).build(), ProgressListener.NONE);
        assertThat(r30.report().bagsPerSplit()).containsExactly(Map.entry("train", 3384), Map.entry("val", 846),
                Map.entry("test", 4231));
        assertThat(r30.report().instances()).isEqualTo(34672);
    }

    @Test
    void noGeneStageGroupIsInTwoSplitsAndTheSplitHasTheSchemesProportions() throws IOException {
        for (SplitScheme scheme : SplitScheme.values()) {
            Manifest m = BdgpBagger.bag(tables, config().optSplitScheme(scheme).optSeed(7).build(), ProgressListener.NONE)
                    .manifest();
            Map<String, Split> seen = new HashMap<>();
            for (BagRecord b : m.bags()) {
                assertThat(seen.put(b.id(), b.split())).as("bag %s appears twice", b.id()).isNull();
            }
            int n = m.bags().size();
            Map<Split, Double> f = scheme.fractions();
            int trainEnd = (int) (n * f.get(Split.TRAIN));
            int valEnd = (int) (n * (f.get(Split.TRAIN) + f.get(Split.VAL)));
            assertThat(m.bags(Split.TRAIN)).hasSize(trainEnd);
            assertThat(m.bags(Split.VAL)).hasSize(valEnd - trainEnd);
            assertThat(m.bags(Split.TEST)).hasSize(n - valEnd);
            assertThat(m.bags(Split.VAL).size() / (double) n).isCloseTo(f.get(Split.VAL), within(0.001));
        }
        assertThat(SplitScheme.PAPER_5_4_1.fractions()).containsExactly(Map.entry(Split.TRAIN, 0.5),
                Map.entry(Split.VAL, 0.4), Map.entry(Split.TEST, 0.1));
        assertThat(SplitScheme.AUTHORS_CODE_40_10_50.fractions()).containsExactly(Map.entry(Split.TRAIN, 0.4),
                Map.entry(Split.VAL, 0.1), Map.entry(Split.TEST, 0.5));
    }

    @Test
    void classesAreTheMostFrequentTermsTiesByName() throws IOException {
        BdgpBagging r = BdgpBagger.bag(tables, config().optTopK(20).build(), ProgressListener.NONE);
        Map<String, Integer> f = plain.frequencies();
        int weakestClass = r.manifest().classes().stream().mapToInt(f::get).min().orElseThrow();
        int strongestOther = f.entrySet().stream().filter(e -> !r.manifest().classes().contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).max().orElseThrow();
        assertThat(weakestClass).isGreaterThanOrEqualTo(strongestOther);
        assertThat(r.manifest().classes().stream().map(f::get).toList()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(r.report().cutoff().kthFrequency()).isEqualTo(weakestClass);
        assertThat(r.report().cutoff().nextFrequency()).isEqualTo(strongestOther);

        // A tie at the cut goes to the name that sorts first, and the report names the one left out.
        BdgpTables tied = new BdgpTables(List.of(
                new BdgpTables.ImageRow(2, "g1", 2, "lateral", List.of("1.bmp")),
                new BdgpTables.ImageRow(3, "g2", 2, "lateral", List.of("2.bmp")),
                new BdgpTables.ImageRow(4, "g3", 2, "lateral", List.of("3.bmp"))), List.of(
                new BdgpTables.AnnotationRow(2, "g1", 2, List.of("zeta", "common")),
                new BdgpTables.AnnotationRow(3, "g2", 2, List.of("alpha", "common")),
                new BdgpTables.AnnotationRow(4, "g3", 2, List.of("beta", "common"))), "t", "t");
        BdgpBagging t = BdgpBagger.bag(tied, config().optTopK(2).build(), ProgressListener.NONE);
        assertThat(t.manifest().classes()).containsExactly("common", "alpha");
        assertThat(t.report().cutoff().tiedTermsLeftOut()).containsExactly("beta", "zeta");
    }

    @Test
    void theSameSeedGivesTheSameManifestAndReport() throws IOException {
        BdgpBagging a = BdgpBagger.bag(tables, config().optSeed(123).build(), ProgressListener.NONE);
        BdgpBagging b = BdgpBagger.bag(BdgpTables.builtIn(), config().optSeed(123).build(), ProgressListener.NONE);
        BdgpBagging c = BdgpBagger.bag(tables, config().optSeed(124).build(), ProgressListener.NONE);
        assertThat(b.manifest()).isEqualTo(a.manifest());
        assertThat(b.report().toJson()).isEqualTo(a.report().toJson());
        assertThat(c.manifest().bags(Split.TEST)).isNotEqualTo(a.manifest().bags(Split.TEST));
        assertThat(new HashSet<>(c.manifest().bags())).isNotEqualTo(new HashSet<>(a.manifest().bags()));
        assertThat(c.manifest().bags().stream().map(BagRecord::id).collect(Collectors.toSet()))
                .isEqualTo(a.manifest().bags().stream().map(BagRecord::id).collect(Collectors.toSet()));
    }

    @Test
    void theBuiltInTablesEqualTheSharedOnesAndAPathWorksToo() throws IOException {
        // Surefire runs in the module folder; the project is cloned next to shared/.
        Path shared = Path.of("../../shared/data/bdgp");
        assumeTrue(Files.isDirectory(shared), "no shared/data/bdgp next to the project");
        BdgpBaggingSpec fromPath = config().optTablesFolder(shared).build();
        BdgpTables read = BdgpTables.read(fromPath.imagesCsv(), fromPath.annotationsCsv());
        assertThat(read.images()).isEqualTo(tables.images());
        assertThat(read.annotations()).isEqualTo(tables.annotations());
        assertThat(read.imagesSource()).endsWith("standard_images.csv").doesNotStartWith("classpath:");
        assertThat(tables.imagesSource()).startsWith("classpath:");
    }

    @Test
    void theShuffleIsNumpys() {
        // np.random.seed(s); a = np.arange(10); np.random.shuffle(a)
        List<Integer> ten = IntStream.range(0, 10).boxed().toList();
        assertThat(NumpyShuffle.shuffle(ten, 286501567)).containsExactly(6, 1, 0, 3, 4, 9, 5, 8, 7, 2);
        assertThat(NumpyShuffle.shuffle(ten, 42)).containsExactly(8, 1, 5, 0, 7, 2, 9, 4, 3, 6);
        assertThat(NumpyShuffle.shuffle(ten, 0)).containsExactly(2, 8, 4, 9, 1, 6, 7, 3, 0, 5);
        List<Integer> thousand = NumpyShuffle.shuffle(IntStream.range(0, 1000).boxed().toList(), 286501567);
        assertThat(thousand.subList(0, 8)).containsExactly(517, 925, 661, 141, 792, 589, 832, 714);
        assertThat(thousand.subList(997, 1000)).containsExactly(637, 663, 834);
    }

    @Test
    void writesTheManifestAndAReportWithEveryKey() throws IOException {
        BdgpBagging r = BdgpBagger.run(config().build(), ProgressListener.NONE);
        Path folder = dir.resolve("manifest");
        assertThat(folder.resolve("bags.csv")).exists();
        assertThat(folder.resolve("classes.txt")).exists();
        JsonNode json = new ObjectMapper().readTree(folder.resolve("report.json").toFile());
        assertThat(json.fieldNames()).toIterable().contains("bags", "instances", "missing_instances", "dropped_bags",
                "classes", "class_counts", "bags_per_split", "instances_per_split", "images_checked", "split_scheme",
                "seed", "rows", "term_frequencies", "cutoff");
        assertThat(json.get("dropped_bags").fieldNames()).toIterable().containsExactlyElementsOf(BaggingReport.DROP_REASONS);
        assertThat(json.get("class_counts").fieldNames()).toIterable().containsExactly("train", "val", "test", "all");
        assertThat(json.get("class_counts").get("train").size()).isEqualTo(10);
        assertThat(json.get("missing_instances").isNull()).isTrue();
        assertThat(json.get("bags").asInt()).isEqualTo(r.report().bags());
        assertThat(BaggingReport.read(folder.resolve("report.json"))).isEqualTo(r.report());

        ManifestReader.Result read = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.NONE).read(folder);
        assertThat(read.manifest().bags()).isEqualTo(r.manifest().bags());
        assertThat(read.manifest().classes()).isEqualTo(r.manifest().classes());
        assertThat(read.manifest().bags().get(0).instances().get(0)).doesNotContain("/");
    }

    @Test
    void missingImagesAreCountedAndBagsWithoutAnyAreDropped() throws IOException {
        // The first 40 genes, with the images of every third file and of one whole bag left out.
        Set<String> genes = tables.images().stream().map(BdgpTables.ImageRow::gene).collect(Collectors.toCollection(TreeSet::new))
                .stream().limit(40).collect(Collectors.toSet());
        BdgpTables some = new BdgpTables(tables.images().stream().filter(r -> genes.contains(r.gene())).toList(),
                tables.annotations().stream().filter(r -> genes.contains(r.gene())).toList(), "images", "annotations");
        Map<String, Set<String>> candidates = new TreeMap<>(plain.files);
        candidates.keySet().removeIf(id -> !genes.contains(id.substring(0, id.lastIndexOf("_s"))));
        String emptied = candidates.keySet().stream().filter(id -> candidates.get(id).size() >= 2).findFirst().orElseThrow();
        Path images = dir.resolve("manifest").resolve("images");
        Files.createDirectories(images);
        List<String> names = candidates.values().stream().flatMap(Set::stream).distinct().sorted().toList();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (i % 3 != 0 && !candidates.get(emptied).contains(names.get(i))) {
                Files.write(images.resolve(names.get(i)), new byte[] {0});
                present.add(names.get(i));
            }
        }
        int missing = 0;
        int allMissing = 0;
        for (Set<String> files : candidates.values()) {
            long there = files.stream().filter(present::contains).count();
            missing += (int) (files.size() - there);
            allMissing += there == 0 ? 1 : 0;
        }
        List<long[]> progress = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void started(String task, long total, String unit) {
                progress.add(new long[] {total, 0});
            }

            @Override
            public void advanced(long amount, String status) {
                progress.get(0)[1] += amount;
            }

            @Override
            public void finished() {
            }
        };
        BdgpBagging r = BdgpBagger.bag(some, config().optImageFolder(images).build(), listener);
        assertThat(r.report().imagesChecked()).isTrue();
        assertThat(r.report().missingInstances()).isEqualTo(missing).isPositive();
        assertThat(r.report().droppedBags().get(BaggingReport.ALL_IMAGES_MISSING)).isEqualTo(allMissing).isPositive();
        assertThat(r.report().droppedBagExamples().get(BaggingReport.ALL_IMAGES_MISSING)).contains(emptied);
        assertThat(r.report().missingExamples()).isNotEmpty().allSatisfy(f -> assertThat(present).doesNotContain(f));
        assertThat(progress).hasSize(1);
        assertThat(progress.get(0)[1]).isEqualTo(progress.get(0)[0]);
        for (BagRecord b : r.manifest().bags()) {
            assertThat(b.instances()).allSatisfy(p -> {
                assertThat(p).startsWith("images/");
                assertThat(present).contains(p.substring("images/".length()));
            });
        }
        r.write();
        assertThat(ManifestReader.strict().read(dir.resolve("manifest")).manifest().bags()).hasSize(r.report().bags());

        // An image folder outside the manifest folder is written as absolute paths.
        BdgpBagging outside = BdgpBagger.bag(some, BdgpBaggingSpec.builder().setOutputFolder(dir.resolve("other"))
                .optImageFolder(images).build(), ProgressListener.NONE);
        assertThat(Path.of(outside.manifest().bags().get(0).instances().get(0))).isAbsolute();
    }

    @Test
    void badTablesAndConfigsAreNamed() throws IOException {
        Path images = dir.resolve("i.csv");
        Path annotations = dir.resolve("a.csv");
        Files.writeString(images, """
                gene,stage,direction,image_url
                g1,2,lateral,"('a.bmp',)"
                g1,seven,lateral,"('b.bmp',)"
                g2,3,oblique,"('c.bmp'"
                """);
        Files.writeString(annotations, "gene,stage,annotation\ng1,2,\"('x',)\"\n");
        assertThatThrownBy(() -> BdgpTables.read(images, annotations)).isInstanceOf(BdgpFormatException.class)
                .hasMessageContaining("2 problem(s)").hasMessageContaining("i.csv:3: stage must be a stage group 1..6")
                .hasMessageContaining("i.csv:4: column 4 is not a Python tuple");
        Files.writeString(images, "gene,stage,view,image_url\n");
        assertThatThrownBy(() -> BdgpTables.read(images, annotations)).hasMessageContaining("i.csv:1: expected the header");
        assertThatThrownBy(() -> BdgpTables.read(dir.resolve("none.csv"), annotations)).hasMessageContaining("none.csv");

        Files.writeString(images, "gene,stage,direction,image_url\ng1,2,oblique,\"('a.bmp',)\"\ng1,2,lateral,\"('b.bmp',)\"\n");
        BdgpBagging r = BdgpBagger.bag(BdgpTables.read(images, annotations), config().build(), ProgressListener.NONE);
        assertThat(r.report().rows().viewsDropped()).containsExactly(Map.entry("oblique", 1));
        assertThat(r.manifest().bags()).singleElement().satisfies(b -> assertThat(b.instances()).containsExactly("b.bmp"));

        assertThatThrownBy(() -> config().optTopK(0).build()).hasMessageContaining("topK");
        assertThatThrownBy(() -> config().optSeed(-1).build()).hasMessageContaining("seed");
        assertThatThrownBy(() -> config().optStageGroups(0, 2).build()).hasMessageContaining("1..6");
        assertThatThrownBy(() -> config().optViews().build()).hasMessageContaining("views");
        assertThatThrownBy(() -> BdgpBaggingSpec.builder().build()).hasMessageContaining("setOutputFolder");
        assertThatThrownBy(() -> BdgpBagger.bag(tables, config().optImageFolder(dir.resolve("nope")).build(),
                ProgressListener.NONE)).hasMessageContaining("nope").hasMessageContaining("image folder");
    }
}
