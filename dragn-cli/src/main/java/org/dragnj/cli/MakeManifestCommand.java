package org.dragnj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.bags.ImageFormat;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.folder.ImageFormats;
import org.dragnj.datasets.manifest.ManifestMaker.Layout;
import org.dragnj.datasets.manifest.ManifestMaker;
import org.dragnj.datasets.manifest.ManifestProblem;
import org.dragnj.datasets.manifest.ManifestReader.ImageCheck;
import org.dragnj.datasets.manifest.ValidationPolicy;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dragn make-manifest}: a bag manifest from a folder per bag or from a CSV of images. */
@Command(name = "make-manifest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a bag manifest (bags.csv, classes.txt) from your own images, in one of two layouts:",
                "  --images ROOT --labels labels.csv: a folder per bag, ROOT/<bag>/*.png|tif|jpg, and a CSV with"
                        + " columns bag_id,labels[,split] (labels separated by ';');",
                "  --csv images.csv: one row per image, columns image,bag_id,labels[,split], image paths relative to"
                        + " the CSV.",
                "Without a split column, seeded fractions assign whole bags (or whole groups, --group-by) to train,"
                        + " val and test. Missing or unreadable images, bags without labels and the like fail the"
                        + " run, listed, or are left out with --skip-bad and reported."})
final class MakeManifestCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @ArgGroup(exclusive = false)
        Folders folders;

        @Option(names = "--csv", paramLabel = "CSV", description = "One CSV of images: image,bag_id,labels[,split].")
        Path csv;
    }

    static final class Folders {
        @Option(names = "--images", required = true, paramLabel = "ROOT",
                description = "Folder holding one subfolder of images per bag.")
        Path root;

        @Option(names = "--labels", required = true, paramLabel = "CSV",
                description = "Labels of the bags: bag_id,labels[,split].")
        Path labels;
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Manifest folder to write.")
    Path out;

    @Option(names = "--split-fractions", defaultValue = "0.6,0.2,0.2", paramLabel = "TRAIN,VAL,TEST", split = ",",
            hideParamSyntax = true, description = "Fractions of bags (or groups) for train, val and test when the"
                    + " input has no split column (default: ${DEFAULT-VALUE}).")
    double[] fractions;

    @Option(names = "--split-seed", defaultValue = "42", description = "Seed of --split-fractions (default:"
            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--group-by", paramLabel = "COLUMN", description = "A column of the CSV (gene, protein, patient)"
            + " whose bags all go to one split.")
    String groupBy;

    @Option(names = "--skip-bad", description = "Leave out bad bags and images and report them, instead of failing.")
    boolean skipBad;

    @Option(names = "--check", defaultValue = "DECODE", description = "How much to check each image: ${COMPLETION-"
            + "CANDIDATES} (default: ${DEFAULT-VALUE}, which reads every image once).")
    ImageCheck check;

    @Override
    public Integer call() throws Exception {
        SplitFractions split = SplitFractions.of(fractions, seed);
        ManifestMaker.Spec spec = input.csv != null
                ? new ManifestMaker.Spec(Layout.IMAGE_CSV, input.csv, null, split, groupBy,
                        skipBad ? ValidationPolicy.SKIP : ValidationPolicy.FAIL, check)
                : new ManifestMaker.Spec(Layout.FOLDER_PER_BAG, input.folders.root, input.folders.labels,
                        split, groupBy, skipBad ? ValidationPolicy.SKIP : ValidationPolicy.FAIL,
                        check);
        ManifestMaker.Result r = ManifestMaker.make(spec, out);
        Manifest m = r.manifest();
        System.out.println("manifest: " + r.report().summary());
        r.report().problems().stream().limit(20).map(ManifestProblem::message)
                .forEach(p -> System.out.println("  skipped: " + p));
        if (r.report().problems().size() > 20) {
            System.out.println("  ... and " + (r.report().problems().size() - 20) + " more");
        }
        System.out.println(r.splitsGiven() ? "splits: as given in the input"
                : "splits: fractions " + split
                        + (groupBy == null ? ", by bag" : ", grouped by " + groupBy));
        System.out.print(labelTable(r));
        ImageFormat typical = ImageFormats.typical(m, m.bags(), 64);
        if (typical != null) {
            System.out.println("typical image: " + typical);
        }
        System.out.println("wrote: " + m.folder().resolve(Manifest.BAGS_FILE) + ", "
                + m.folder().resolve(Manifest.CLASSES_FILE));
        List<String> next = new ArrayList<>(List.of("train", "--data", out.toString()));
        if (typical != null && typical.channels() != 3) {
            next.addAll(List.of("--channels", Integer.toString(typical.channels())));
        }
        DataHints.next(next.toArray(String[]::new));
        return 0;
    }

    /** Bags per label and split, and bags per split. */
    static String labelTable(ManifestMaker.Result r) {
        List<String> classes = r.manifest().classes();
        int width = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(5));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %7s %7s %7s%n", "label",
                "train", "val", "test"));
        for (int k = 0; k < classes.size(); k++) {
            s.append(String.format(Locale.ROOT, "  %-" + width + "s %7d %7d %7d%n", classes.get(k),
                    r.labelCounts().get(Split.TRAIN)[k], r.labelCounts().get(Split.VAL)[k],
                    r.labelCounts().get(Split.TEST)[k]));
        }
        s.append(String.format(Locale.ROOT, "  %-" + width + "s %7d %7d %7d%n", "bags", r.bags(Split.TRAIN),
                r.bags(Split.VAL), r.bags(Split.TEST)));
        return s.toString();
    }
}
