package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.folder.FolderBags;
import org.dragnj.datasets.folder.FolderGrouping;
import org.dragnj.datasets.folder.ImageFolder;
import org.dragnj.datasets.folder.SubfolderBags;
import org.dragnj.eval.metrics.Predictions;
import org.dragnj.experiment.evaluation.AttentionCsv;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.ImportanceWriter;
import org.dragnj.experiment.evaluation.SavedModelInput;
import org.dragnj.model.DragnModel;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Per-label probabilities of a saved model for bags from a manifest or a folder of images. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Per-label probabilities of a saved model for every bag, as a scores CSV (bag_id, one column"
                + " per label, and the true labels when the manifest has them; 'dragn metrics' reads it), and"
                + " per-instance weights for attention aggregations.",
                "A folder of images (--images): every folder at any depth that holds images is a bag of those"
                        + " images, named by its path under the folder (plateA/well3); a folder holding images and"
                        + " subfolders is a bag of its own images, and each subfolder is a bag apart (--bags top:"
                        + " each first-level subfolder is one bag of all the images below it). Images lying directly"
                        + " in the folder need --one-bag or --group-by. Every file in no bag (not an image, hidden,"
                        + " in a folder without images, an unreadable name or folder, a broken or looping link) is"
                        + " counted on screen and listed in <out>-unused.csv.",
                "Every image is checked against the model's training images: another channel count is refused,"
                        + " another bit depth or a resize is done with a warning."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model or checkpoint file (.zip).")
    Path model;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--data", description = "Bag manifest folder.")
        Path manifest;

        @Option(names = "--images", description = "Folder of images (a bag per folder holding images, at any"
                + " depth).")
        Path images;
    }

    @ArgGroup(exclusive = true)
    Grouping grouping;

    static final class Grouping {
        @Option(names = "--one-bag", description = "With --images: the images lying directly in the folder are one"
                + " bag, named after the folder.")
        boolean oneBag;

        @Option(names = "--group-by", paramLabel = "REGEX", description = "With --images: group the images lying"
                + " directly in the folder into bags by a regular expression on their file names whose first group"
                + " is the bag id, e.g. '(.+)_\\d+\\.png'.")
        String pattern;

        FolderGrouping toGrouping() {
            return oneBag ? FolderGrouping.oneBag() : FolderGrouping.byPattern(pattern);
        }
    }

    @Option(names = "--bags", paramLabel = "EACH|TOP", description = "With --images: which folders below it are"
            + " bags: EACH folder holding images, named by its path (default), or each TOP-level subfolder with all"
            + " the images at any depth below it.")
    SubfolderBags bags;

    @Option(names = "--split", description = "With --data: only this split of the manifest, train, val or test"
            + " (default: every bag).")
    String split;

    @Option(names = "--out", required = true, description = "Scores CSV to write.")
    Path out;

    @Option(names = "--attention", description = "Attention CSV to write (default: <out>-attention.csv, for attention"
            + " aggregations).")
    Path attention;

    @Option(names = "--importance", description = "Also write which instances mattered to <out>-importance.csv (per"
            + " bag, instance and label: leave-one-out change of the score, gradient × input of the instance's trunk"
            + " features, attention weight). Costs n extra bag evaluations per bag of n.")
    boolean importance;

    @Option(names = "--batch", defaultValue = "8", description = "Bags per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-bag-length", defaultValue = "0", description = "Cap bag length, 0 for none (default:"
            + " ${DEFAULT-VALUE}).")
    int maxBagLength;

    @Option(names = "--show", defaultValue = "10", description = "Bags to print (default: ${DEFAULT-VALUE}).")
    int show;

    @Mixin
    OrderOptions order = new OrderOptions();

    @Mixin
    DataCacheOption dataCache = new DataCacheOption();

    @Override
    public Integer call() throws Exception {
        DragnModel m = DragnModel.load(model);
        DataHints.describeModel(model, m);
        Manifest manifest;
        if (input.images != null) {
            FolderBags folder = ImageFolder.read(input.images, m.spec().labels(),
                    grouping == null ? FolderGrouping.subfolders() : grouping.toGrouping(),
                    bags == null ? SubfolderBags.EACH : bags);
            reportFolder(folder);
            manifest = folder.manifest();
        } else {
            if (grouping != null || bags != null) {
                throw new IllegalArgumentException("--one-bag, --group-by and --bags go with --images; a manifest"
                        + " (--data) already says which images form a bag");
            }
            manifest = SavedModelInput.readManifest(input.manifest, m.spec());
        }
        SavedModelInput in = SavedModelInput.of(m, manifest, split == null ? null : MetricsCommand.parseSplit(split),
                batch, maxBagLength, 0);
        Path source = input.images != null ? input.images : input.manifest;
        in.checkImages(dataCache.surveyCache(source), new ProgressBarListener()).forEach(w -> System.out.println("warning: " + w));
        BagPredictor.Result result = BagPredictor.predict(m.forInference(), in.iterator(), order.averaging(m.provenance()),
                new ProgressBarListener());
        Predictions p = result.predictions();
        Evaluator.writeScores(out, p, manifest);
        System.out.printf(Locale.ROOT, "%d bags scored by %s; scores: %s%n", p.size(), model.getFileName(),
                out.toAbsolutePath());
        if (!result.attention().isEmpty()) {
            Path a = attention != null ? attention : out.resolveSibling(stem(out) + "-attention.csv");
            AttentionCsv.write(a, result.attention(), manifest);
            System.out.println("per-instance weights: " + a.toAbsolutePath());
        }
        if (importance) {
            Path file = out.resolveSibling(stem(out) + "-importance.csv");
            ImportanceOutput.describe(ImportanceWriter.write(file, null, model.getFileName().toString(), m,
                    in.iterator(), manifest, new ProgressBarListener()));
            System.out.println("per-instance importance: " + file.toAbsolutePath());
        }
        printTop(p);
        return 0;
    }

    /** What became of the folder: its bags, and every file in none of them, on screen and in a file. */
    private void reportFolder(FolderBags folder) throws java.io.IOException {
        Manifest manifest = folder.manifest();
        System.out.printf(Locale.ROOT, "folder %s: %d bags, %d images (%s)%n", manifest.folder(),
                manifest.bags().size(), folder.images(), folder.subfolders() == SubfolderBags.TOP
                        ? "each first-level subfolder is a bag of all the images below it"
                        : "each folder holding images is a bag named by its path; a folder's own images and each of"
                                + " its subfolders are separate bags");
        Path listing = out.resolveSibling(stem(out) + "-unused.csv");
        folder.unused().write(listing);
        if (folder.unused().isEmpty()) {
            System.out.println("every file in the folder is in a bag (none listed in " + listing.toAbsolutePath()
                    + ")");
        } else {
            System.out.printf(Locale.ROOT, "not used: %d files and folders, listed in %s%n",
                    folder.unused().files().size(), listing.toAbsolutePath());
            folder.unused().summary().forEach(line -> System.out.println("  " + line));
        }
    }

    private void printTop(Predictions p) {
        for (int b = 0; b < Math.min(show, p.size()); b++) {
            double[] s = p.scores()[b];
            String top = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(k -> -s[k])).limit(3)
                    .map(k -> String.format(Locale.ROOT, "%s %.3f", p.labels().get(k), s[k]))
                    .reduce((x, y) -> x + ", " + y).orElse("");
            System.out.printf(Locale.ROOT, "  %-24s %s%n", p.bagIds().get(b), top);
        }
        if (p.size() > show) {
            System.out.printf(Locale.ROOT, "  ... %d more in the CSV%n", p.size() - show);
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
