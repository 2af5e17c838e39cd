package org.dragnj.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dragnj.bags.io.TextFiles;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.hpa.crops.CropDepth;
import org.dragnj.datasets.hpa.crops.CropFormat;
import org.dragnj.datasets.hpa.crops.HpaCropReport;
import org.dragnj.datasets.hpa.crops.HpaCropSpec;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.grouping.HpaClasses;
import org.dragnj.datasets.hpa.image.ImageLayout;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.hpa.proposals.ProposalRanking;

import picocli.CommandLine.Option;

/**
 * How HPA images become crops, shared by {@code dragn prepare-hpa} and its distributed twin in
 * dragn-spark (which names its grouping file, images and output by URI instead of path).
 */
public final class HpaCropOptions {

    static final String KAGGLE_2018 = "kaggle-2018";

    @Option(names = "--grouping-format", required = true, description = "BAG_CSV: bag_id,image_id,labels[,split],"
            + " one row per image, a bag's ';'-separated labels repeated on each of its rows (what 'dragn synth hpa'"
            + " writes as groups.csv); KAGGLE_TRAIN_CSV: Kaggle's train.csv Id,Target, every image its own bag.")
    GroupingFormat groupingFormat;

    @Option(names = "--classes", paramLabel = "FILE|LIST|" + KAGGLE_2018,
            description = "Class names in output order: a file with one name a line (e.g. classes.txt), a"
                    + " comma-separated list, or " + KAGGLE_2018 + " (the 28 Kaggle 2018 names). BAG_CSV: every label"
                    + " must be one of them (default: the sorted labels found); KAGGLE_TRAIN_CSV: the name of each"
                    + " index (default: \"0\" .. \"27\").")
    String classes;

    @Option(names = "--layout", defaultValue = "AUTO", description = "How an image id maps to files: CHANNEL_FILES"
            + " (<id>_red|_green|_blue|_yellow.*), SINGLE_FILE (<id>.png etc., RGB or RGBA), AUTO (channel files when"
            + " <id>_blue.* exists) (default: ${DEFAULT-VALUE}).")
    ImageLayout layout;

    @Option(names = "--mode", defaultValue = "SELECTIVE_SEARCH", description = "Region proposals: SELECTIVE_SEARCH"
            + " (OpenCV, as the paper; seconds per image) or NUCLEI (Otsu on the nucleus channel, a box around each"
            + " nucleus; much faster) (default: ${DEFAULT-VALUE}).")
    ProposalMode mode;

    @Option(names = "--ranking", defaultValue = "FRAMING", description = "SELECTIVE_SEARCH: which proposals come"
            + " first, ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ProposalRanking ranking;

    @Option(names = "--search-size", defaultValue = "512", paramLabel = "PIXELS", description = "Proposals are"
            + " computed on a copy whose longer side is at most this (default: ${DEFAULT-VALUE}).")
    int searchSize;

    @Option(names = "--crop-size", defaultValue = "512", paramLabel = "PIXELS",
            description = "Crops are resized to this square (default: ${DEFAULT-VALUE}).")
    int cropSize;

    @Option(names = "--max-crops", defaultValue = "16", paramLabel = "N",
            description = "Keep at most N crops per image, best first (default: ${DEFAULT-VALUE}).")
    int maxCrops;

    @Option(names = "--box-sides", defaultValue = "0.04,0.5", split = ",", paramLabel = "MIN,MAX", hideParamSyntax = true,
            description = "Proposal sides allowed, as fractions of the shorter image side (default: ${DEFAULT-VALUE}).")
    double[] boxSides;

    @Option(names = "--max-aspect", defaultValue = "3", paramLabel = "RATIO",
            description = "Longest over shortest proposal side, at most (default: ${DEFAULT-VALUE}).")
    double maxAspect;

    @Option(names = "--nms-iou", defaultValue = "0.3", paramLabel = "IOU", description = "A proposal overlapping a"
            + " kept one by more than this is dropped (default: ${DEFAULT-VALUE}).")
    double nmsIou;

    @Option(names = "--nucleus-expansion", defaultValue = "2.5", paramLabel = "FACTOR",
            description = "NUCLEI: the box around a nucleus is widened by this factor (default: ${DEFAULT-VALUE}).")
    double nucleusExpansion;

    @Option(names = "--format", defaultValue = "RGB", description = "Crop files: RGB (R microtubules, G protein,"
            + " B nucleus; 3 channels) or RGBA_ER (+ ER as alpha; train with --channels 4) (default: ${DEFAULT-VALUE}).")
    CropFormat format;

    @Option(names = "--depth", defaultValue = "EIGHT_BIT",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CropDepth depth;

    @Option(names = "--threads", paramLabel = "N", description = "Images processed in parallel (default: all cores).")
    Integer threads;

    @Option(names = "--default-split", defaultValue = "train", paramLabel = "SPLIT", description = "Split of the bags"
            + " whose grouping row names none (default: ${DEFAULT-VALUE}).")
    String defaultSplit;

    @Option(names = "--split-fractions", paramLabel = "TRAIN,VAL,TEST", split = ",", hideParamSyntax = true,
            description = "Instead, divide the bags whose grouping row names no split at random into train, val and"
                    + " test, e.g. 0.6,0.2,0.2 (the same bags land in the same split on every rerun).")
    double[] splitFractions;

    @Option(names = "--split-seed", defaultValue = "42", description = "Seed of --split-fractions (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    /** The settings for cropping {@code images} (grouped by {@code grouping}) into {@code out}. */
    public HpaCropSpec spec(Path grouping, Path images, Path out) throws IOException {
        if (boxSides.length != 2) {
            throw new IllegalArgumentException("--box-sides is MIN,MAX, e.g. 0.04,0.5; got " + Arrays.toString(boxSides));
        }
        Split split = Split.parse(defaultSplit);
        if (split == null) {
            throw new IllegalArgumentException("--default-split must be train, val or test, not '" + defaultSplit + "'");
        }
        HpaCropSpec.Builder b = HpaCropSpec.builder().setGrouping(grouping, groupingFormat).setImageFolder(images)
                .setOutputFolder(out).optClasses(classNames()).optImageLayout(layout).optProposalMode(mode)
                .optProposalRanking(ranking).optSearchMaxSide(searchSize).optBoxSides(boxSides[0], boxSides[1])
                .optMaxAspectRatio(maxAspect).optNmsIou(nmsIou).optMaxCropsPerImage(maxCrops).optCropSize(cropSize)
                .optNucleusExpansion(nucleusExpansion).optCropFormat(format).optCropDepth(depth)
                .optDefaultSplit(split);
        if (splitFractions != null) {
            try {
                b.optSplitFractions(SplitFractions.of(splitFractions, splitSeed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--split-fractions: " + e.getMessage(), e);
            }
        }
        if (threads != null) {
            b.optThreads(threads);
        }
        return b.build();
    }

    private List<String> classNames() throws IOException {
        if (classes == null) {
            return List.of();
        }
        if (classes.equalsIgnoreCase(KAGGLE_2018)) {
            return HpaClasses.KAGGLE_2018;
        }
        Path file = Path.of(classes);
        if (Files.isRegularFile(file)) {
            return TextFiles.readLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (classes.contains(",")) {
            return Arrays.stream(classes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        throw new IllegalArgumentException("--classes: no file " + file.toAbsolutePath() + "; pass a file with one"
                + " class name a line, a comma-separated list, or " + KAGGLE_2018);
    }

    /** What a preparation did, for a person: outcomes, failures, bags per split, speed. */
    public static void print(HpaCropReport r, Manifest manifest) {
        System.out.println(r.summary());
        System.out.printf(Locale.ROOT, "  images: %d cropped, %d resumed (done earlier with the same settings), %d"
                + " failed, %d with no proposal left after the filters%n", r.imagesCropped(), r.imagesResumed(),
                r.imagesFailed(), r.imagesWithoutCrops().size());
        r.failures().stream().limit(20).forEach(f -> System.out.println("    failed " + f.imageId() + " (bag "
                + f.bagId() + "): " + f.reason()));
        if (r.failures().size() > 20) {
            System.out.println("    ... and " + (r.failures().size() - 20) + " more failures in report.json");
        }
        Map<Split, Integer> perSplit = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            perSplit.put(s, manifest.bags(s).size());
        }
        System.out.printf(Locale.ROOT, "  bags: %d of %d in the manifest (train %d, val %d, test %d), %d dropped"
                + " (no crops)%n", r.bagsInManifest(), r.bagsTotal(), perSplit.get(Split.TRAIN), perSplit.get(Split.VAL),
                perSplit.get(Split.TEST), r.bagsWithoutCrops().size());
        r.bagsWithoutCrops().stream().limit(10).forEach(b -> System.out.println("    dropped " + b.bagId() + ": "
                + b.reason()));
        if (r.bagsWithoutCrops().size() > 10) {
            System.out.println("    ... and " + (r.bagsWithoutCrops().size() - 10) + " more in report.json");
        }
        System.out.printf(Locale.ROOT, "  speed: %.2f crops/s, %.2f images/s (%.1f s proposing, %.1f s cropping,"
                + " summed over threads)%n", r.cropsPerSecond(), r.imagesPerSecond(), r.proposalSeconds(),
                r.cropSeconds());
    }
}
