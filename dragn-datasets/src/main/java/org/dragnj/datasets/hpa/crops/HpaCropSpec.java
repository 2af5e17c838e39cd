package org.dragnj.datasets.hpa.crops;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.manifest.SplitFractions;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.hpa.image.ImageLayout;
import org.dragnj.datasets.hpa.proposals.ProposalMode;
import org.dragnj.datasets.hpa.proposals.ProposalRanking;
import org.dragnj.datasets.hpa.proposals.ProposalSpec;

/**
 * Everything an HPA cropping run needs. Build with {@link #builder()}: {@code setX} are required,
 * {@code optX} optional; the record validates itself, so a spec that exists is usable.
 *
 * @param groupingFile       the CSV that lists images and bags
 * @param groupingFormat     its format
 * @param imageFolder        where the image files are (image ids resolve against it)
 * @param outputFolder       where crops, the manifest and report.json go
 * @param classes            label names in output order. BAG_CSV: every label must be one of them
 *                           (empty: the sorted union of the labels found). KAGGLE_TRAIN_CSV: the name
 *                           of each class index (empty: "0" … "27")
 * @param imageLayout        how an image id maps to files
 * @param proposals          how regions are proposed and which become crop windows
 * @param cropSize           crops are resized to cropSize × cropSize
 * @param cropFormat         file format of the crops
 * @param cropDepth          bit depth of the crops
 * @param threads            images processed in parallel
 * @param defaultSplit       split of a bag whose grouping rows name none
 * @param splitFractions     instead, divide the bags whose rows name no split by these fractions (null: off)
 */
public record HpaCropSpec(Path groupingFile, GroupingFormat groupingFormat, Path imageFolder, Path outputFolder,
        List<String> classes, ImageLayout imageLayout, ProposalSpec proposals, int cropSize, CropFormat cropFormat,
        CropDepth cropDepth, int threads, Split defaultSplit, SplitFractions splitFractions) {

    /** Kaggle's HPA 2018 competition has 28 classes. */
    public static final int KAGGLE_CLASSES = 28;

    public HpaCropSpec {
        require(groupingFile != null, "the grouping file is required (setGrouping)");
        require(groupingFormat != null, "the grouping format is required (setGrouping)");
        require(imageFolder != null, "the image folder is required (setImageFolder)");
        require(outputFolder != null, "the output folder is required (setOutputFolder)");
        classes = List.copyOf(classes);
        require(new HashSet<>(classes).size() == classes.size(), "class names must be distinct: " + classes);
        for (String c : classes) {
            require(!c.isBlank() && !c.contains(";"), "class name '" + c + "' must be non-blank and contain no ';'");
        }
        require(imageLayout != null && proposals != null && cropFormat != null && cropDepth != null
                && defaultSplit != null, "imageLayout, proposals, cropFormat, cropDepth and defaultSplit must not be null");
        require(cropSize >= 8 && cropSize <= 8192, "cropSize must be in 8..8192, got " + cropSize);
        require(threads >= 1, "threads must be >= 1, got " + threads);
        if (groupingFormat == GroupingFormat.KAGGLE_TRAIN_CSV && classes.isEmpty()) {
            classes = IntStream.range(0, KAGGLE_CLASSES).mapToObj(Integer::toString).toList();
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The settings that determine a crop's pixels. An image's completion marker stores it, so a rerun
     * with different settings recomputes the image instead of keeping stale crops.
     */
    public String cropFingerprint() {
        return String.format(Locale.ROOT,
                "mode=%s ranking=%s search=%d box=%.4f-%.4f aspect=%.3f nms=%.3f top=%d size=%d expand=%.3f ss=%d/%d/%.3f"
                        + " format=%s depth=%s layout=%s",
                proposals.mode(), proposals.ranking(), proposals.searchMaxSide(), proposals.minBoxSide(),
                proposals.maxBoxSide(), proposals.maxAspectRatio(), proposals.nmsIou(), proposals.maxWindows(), cropSize,
                proposals.nucleusExpansion(), proposals.ssBaseK(), proposals.ssIncK(), proposals.ssSigma(), cropFormat,
                cropDepth, imageLayout);
    }

    /** The settings as plain values, for report.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groupingFile", groupingFile.toString());
        m.put("groupingFormat", groupingFormat);
        m.put("imageFolder", imageFolder.toString());
        m.put("outputFolder", outputFolder.toString());
        m.put("classes", classes);
        m.put("imageLayout", imageLayout);
        m.putAll(proposals.describe());
        m.put("cropSize", cropSize);
        m.put("cropFormat", cropFormat);
        m.put("cropDepth", cropDepth);
        m.put("threads", threads);
        m.put("defaultSplit", defaultSplit.id());
        if (splitFractions != null) {
            m.put("splitFractions", List.of(splitFractions.train(), splitFractions.val(), splitFractions.test()));
            m.put("splitSeed", splitFractions.seed());
        }
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Required: {@code setGrouping}, {@code setImageFolder}, {@code setOutputFolder}. */
    public static final class Builder {
        private Path groupingFile;
        private GroupingFormat groupingFormat;
        private Path imageFolder;
        private Path outputFolder;
        private List<String> classes = List.of();
        private ImageLayout imageLayout = ImageLayout.AUTO;
        private ProposalMode proposalMode = ProposalMode.SELECTIVE_SEARCH;
        private ProposalRanking proposalRanking = ProposalRanking.FRAMING;
        private int searchMaxSide = 512;
        private double minBoxSide = 0.04;
        private double maxBoxSide = 0.5;
        private double maxAspectRatio = 3;
        private double nmsIou = 0.3;
        private int maxCropsPerImage = 16;
        private int cropSize = 512;
        private double nucleusExpansion = 2.5;
        private int ssBaseK = 150;
        private int ssIncK = 150;
        private float ssSigma = 0.8f;
        private CropFormat cropFormat = CropFormat.RGB;
        private CropDepth cropDepth = CropDepth.EIGHT_BIT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Split defaultSplit = Split.TRAIN;
        private SplitFractions splitFractions;

        public Builder setGrouping(Path file, GroupingFormat format) {
            this.groupingFile = file;
            this.groupingFormat = format;
            return this;
        }

        public Builder setImageFolder(Path folder) {
            this.imageFolder = folder;
            return this;
        }

        public Builder setOutputFolder(Path folder) {
            this.outputFolder = folder;
            return this;
        }

        public Builder optClasses(List<String> classes) {
            this.classes = classes;
            return this;
        }

        public Builder optImageLayout(ImageLayout layout) {
            this.imageLayout = layout;
            return this;
        }

        public Builder optProposalMode(ProposalMode mode) {
            this.proposalMode = mode;
            return this;
        }

        public Builder optProposalRanking(ProposalRanking ranking) {
            this.proposalRanking = ranking;
            return this;
        }

        public Builder optSearchMaxSide(int pixels) {
            this.searchMaxSide = pixels;
            return this;
        }

        /** Proposal sides allowed, as fractions of the shorter image side. */
        public Builder optBoxSides(double min, double max) {
            this.minBoxSide = min;
            this.maxBoxSide = max;
            return this;
        }

        public Builder optMaxAspectRatio(double ratio) {
            this.maxAspectRatio = ratio;
            return this;
        }

        public Builder optNmsIou(double iou) {
            this.nmsIou = iou;
            return this;
        }

        public Builder optMaxCropsPerImage(int n) {
            this.maxCropsPerImage = n;
            return this;
        }

        public Builder optCropSize(int pixels) {
            this.cropSize = pixels;
            return this;
        }

        public Builder optNucleusExpansion(double factor) {
            this.nucleusExpansion = factor;
            return this;
        }

        public Builder optSelectiveSearch(int baseK, int incK, float sigma) {
            this.ssBaseK = baseK;
            this.ssIncK = incK;
            this.ssSigma = sigma;
            return this;
        }

        public Builder optCropFormat(CropFormat format) {
            this.cropFormat = format;
            return this;
        }

        public Builder optCropDepth(CropDepth depth) {
            this.cropDepth = depth;
            return this;
        }

        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder optDefaultSplit(Split split) {
            this.defaultSplit = split;
            return this;
        }

        /** Divide the bags whose grouping rows name no split by these fractions instead of the default split. */
        public Builder optSplitFractions(SplitFractions fractions) {
            this.splitFractions = fractions;
            return this;
        }

        public HpaCropSpec build() {
            return new HpaCropSpec(groupingFile, groupingFormat, imageFolder, outputFolder, classes, imageLayout,
                    new ProposalSpec(proposalMode, proposalRanking, searchMaxSide, minBoxSide, maxBoxSide,
                            maxAspectRatio, nmsIou, maxCropsPerImage, nucleusExpansion, ssBaseK, ssIncK, ssSigma),
                    cropSize, cropFormat, cropDepth, threads, defaultSplit, splitFractions);
        }
    }
}
