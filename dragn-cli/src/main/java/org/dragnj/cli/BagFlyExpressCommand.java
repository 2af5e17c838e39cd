package org.dragnj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.bdgp.BaggingReport;
import org.dragnj.datasets.bdgp.BdgpBagger;
import org.dragnj.datasets.bdgp.BdgpBagging;
import org.dragnj.datasets.bdgp.BdgpBaggingSpec;
import org.dragnj.datasets.bdgp.SplitScheme;
import org.dragnj.datasets.bdgp.View;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dragn bag-flyexpress}: the BDGP tables as a bag manifest, with the paper's protocol. */
@Command(name = "bag-flyexpress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bag FlyExpress / BDGP images with the paper's protocol: one bag per gene x stage group"
                + " (<gene>_s<group>), its instances the group's images, its labels its annotation terms among the"
                + " top-k; splits as the authors' code (40/10/50, their seed) or the paper's text (5:4:1).",
                "Writes into --out: bags.csv and classes.txt (the manifest 'dragn train --data' reads) and"
                        + " report.json (what was kept and dropped, and why).",
                "Without --images nothing is checked and instances are bare file names relative to --out; with"
                        + " --images, instances missing there are dropped and counted."})
final class BagFlyExpressCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Manifest folder to write.")
    Path out;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder holding the image files by name (not"
            + " searched recursively), e.g. from 'dragn synth flyexpress'; default: images are not checked.")
    Path images;

    @Option(names = "--top-k", defaultValue = "10", paramLabel = "K",
            description = "Classes: the K most frequent terms (the paper uses 10, 20, 30) (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--split-scheme", defaultValue = "AUTHORS_CODE_40_10_50",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SplitScheme splitScheme;

    @Option(names = "--seed", defaultValue = "286501567",
            description = "Shuffle seed of the split, 0 .. 2^32-1 (default: ${DEFAULT-VALUE}, the authors').")
    long seed;

    @Option(names = "--tables", paramLabel = "DIR", description = "Folder with standard_images.csv and"
            + " standard_annotations.csv (default: the copies built into dragn-datasets).")
    Path tables;

    @Option(names = "--stages", defaultValue = "2,3,4,5,6", split = ",", paramLabel = "G",
            description = "Stage groups to keep, of 1..6 (1 = stages 1-3, 2 = 4-6, ..., 6 = 13-16) (default:"
                    + " ${DEFAULT-VALUE}).")
    List<Integer> stages;

    @Option(names = "--views", defaultValue = "lateral,dorsal,ventral", split = ",", paramLabel = "VIEW",
            description = "Views to keep (default: ${DEFAULT-VALUE}).")
    List<String> views;

    BdgpBaggingSpec config() {
        List<View> kept = new ArrayList<>();
        for (String v : views) {
            View view = View.parse(v);
            if (view == null) {
                throw new IllegalArgumentException("unknown view '" + v + "' in --views; the views are "
                        + Arrays.stream(View.values()).map(View::id).collect(Collectors.joining(", ")));
            }
            kept.add(view);
        }
        BdgpBaggingSpec.Builder b = BdgpBaggingSpec.builder().setOutputFolder(out).optImageFolder(images)
                .optTopK(topK).optSplitScheme(splitScheme).optSeed(seed)
                .optStageGroups(stages.stream().mapToInt(Integer::intValue).toArray())
                .optViews(kept.toArray(View[]::new));
        if (tables != null) {
            b.optTablesFolder(tables);
        }
        return b.build();
    }

    @Override
    public Integer call() throws Exception {
        BdgpBagging bagging = BdgpBagger.run(config(), new ProgressBarListener());
        BaggingReport r = bagging.report();
        print(r);
        Path report = out.resolve(BaggingReport.FILE);
        System.out.println("wrote: " + out.resolve(Manifest.BAGS_FILE) + ", " + out.resolve(Manifest.CLASSES_FILE)
                + ", " + report);
        if (r.bags() == 0) {
            System.out.println("no bags left: see " + report + " for why");
        } else if (images == null) {
            System.out.println("the images were not checked: put them in " + out + " (the instances are bare file"
                    + " names) or rerun with --images DIR");
        } else {
            DataHints.nextTraining("flyexpress-paper", "--data", out.toString());
        }
        return 0;
    }

    /** The counts of the report, one topic a line. */
    static void print(BaggingReport r) {
        System.out.printf(Locale.ROOT, "BDGP bagging: %d bags, %d instances, %d classes (top-%d terms; stage groups %s;"
                + " views %s; split %s, seed %d)%n", r.bags(), r.instances(), r.classes().size(), r.topK(),
                join(r.stageGroups()), join(r.views()), r.splitScheme(), r.seed());
        for (String s : List.of("train", "val", "test")) {
            System.out.printf(Locale.ROOT, "  %-5s %6d bags %7d instances%n", s, r.bagsPerSplit().get(s),
                    r.instancesPerSplit().get(s));
        }
        System.out.println("  classes: " + r.classes().stream().map(c -> c + " (" + r.termFrequencies().get(c) + ")")
                .collect(Collectors.joining(", ")));
        if (r.bags() > 0) {
            System.out.printf(Locale.ROOT, "  bag length: %d .. %d, mean %.2f; %d distinct image files%n",
                    r.bagLength().min(), r.bagLength().max(), r.bagLength().mean(), r.distinctImageFiles());
        }
        BaggingReport.Rows rows = r.rows();
        System.out.printf(Locale.ROOT, "  table rows: %d image rows (dropped: %s), %d annotation rows (dropped: %s);"
                + " %d genes in both tables%n", rows.imageRows(), counts(rows.imageRowsDropped()), rows.annotationRows(),
                counts(rows.annotationRowsDropped()), rows.genesInBoth());
        int dropped = r.droppedBags().values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("  dropped bags: " + dropped + " (" + counts(r.droppedBags()) + ")");
        if (r.missingInstances() == null) {
            System.out.println("  missing images: not checked (no --images)");
        } else {
            System.out.printf(Locale.ROOT, "  missing images: %d instances not in %s; %d bags lost some, %d lost all%s%n",
                    r.missingInstances(), r.imageFolder(), r.bagsWithMissingInstances(),
                    r.droppedBags().get(BaggingReport.ALL_IMAGES_MISSING),
                    r.missingExamples().isEmpty() ? "" : " (e.g. " + r.missingExamples().get(0) + ")");
        }
        if (r.imagesInSeveralSplits() > 0) {
            System.out.println("  note: " + r.imagesInSeveralSplits() + " image files are listed under bags of"
                    + " different splits (the tables list them under two genes)");
        }
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(","));
    }
}
