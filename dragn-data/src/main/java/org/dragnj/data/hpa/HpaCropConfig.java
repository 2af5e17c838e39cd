package org.dragnj.data.hpa;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.dragnj.data.manifest.Split;

/**
 * Everything an HPA cropping run needs. Build with {@link #builder()}: {@code setX} are required,
 * {@code optX} optional; the record validates itself, so a config that exists is usable.
 *
 * @param groupingFile       the CSV that lists images and bags
 * @param groupingFormat     its format
 * @param imageFolder        where the image files are (image ids resolve against it)
 * @param outputFolder       where crops, the manifest and report.json go
 * @param classes            label names in output order. BAG_CSV: every label must be one of them
 *                           (empty: the sorted union of the labels found). KAGGLE_TRAIN_CSV: the name
 *                           of each class index (empty: "0" … "27")
 * @param imageLayout        how an image id maps to files
 * @param proposalMode       how regions are proposed
 * @param proposalRanking    SELECTIVE_SEARCH mode: which proposals count as best
 * @param searchMaxSide      proposals are computed on a copy whose longer side is at most this many
 *                           pixels (selective search time grows steeply with size; boxes are mapped
 *                           back to full resolution)
 * @param minBoxSide         smallest proposal side, as a fraction of the shorter image side
 * @param maxBoxSide         largest proposal side, as a fraction of the shorter image side
 * @param maxAspectRatio     longest over shortest proposal side, at most
 * @param nmsIou             a proposal overlapping an already kept one by more than this IoU is dropped
 * @param maxCropsPerImage   keep at most this many proposals per image (best first)
 * @param cropSize           crops are resized to cropSize × cropSize
 * @param nucleusExpansion   NUCLEI mode: the box around a nucleus is widened by this factor
 * @param ssBaseK            selective search: base k of the graph segmentation
 * @param ssIncK             selective search: k increment
 * @param ssSigma            selective search: Gaussian sigma of the graph segmentation
 * @param cropFormat         file format of the crops
 * @param cropDepth          bit depth of the crops
 * @param threads            images processed in parallel
 * @param defaultSplit       split of a bag whose grouping row names none
 */
public record HpaCropConfig(Path groupingFile, GroupingFormat groupingFormat, Path imageFolder, Path outputFolder,
        List<String> classes, ImageLayout imageLayout, ProposalMode proposalMode, ProposalRanking proposalRanking,
        int searchMaxSide,
        double minBoxSide, double maxBoxSide, double maxAspectRatio, double nmsIou, int maxCropsPerImage,
        int cropSize, double nucleusExpansion, int ssBaseK, int ssIncK, float ssSigma, CropFormat cropFormat,
        CropDepth cropDepth, int threads, Split defaultSplit) {

    /** Kaggle's HPA 2018 competition has 28 classes. */
    public static final int KAGGLE_CLASSES = 28;

    public HpaCropConfig {
        require(groupingFile != null, "the grouping file is required (setGrouping)");
        require(groupingFormat != null, "the grouping format is required (setGrouping)");
        require(imageFolder != null, "the image folder is required (setImageFolder)");
        require(outputFolder != null, "the output folder is required (setOutputFolder)");
        classes = List.copyOf(classes);
        require(new HashSet<>(classes).size() == classes.size(), "class names must be distinct: " + classes);
        for (String c : classes) {
            require(!c.isBlank() && !c.contains(";"), "class name '" + c + "' must be non-blank and contain no ';'");
        }
        require(imageLayout != null && proposalMode != null && proposalRanking != null && cropFormat != null
                && cropDepth != null && defaultSplit != null,
                "imageLayout, proposalMode, proposalRanking, cropFormat, cropDepth and defaultSplit must not be null");
        require(searchMaxSide >= 64, "searchMaxSide must be >= 64 pixels, got " + searchMaxSide);
        require(minBoxSide > 0 && minBoxSide < maxBoxSide && maxBoxSide <= 1,
                "box sides must satisfy 0 < minBoxSide < maxBoxSide <= 1 (fractions of the shorter image side), got "
                        + minBoxSide + ", " + maxBoxSide);
        require(maxAspectRatio >= 1, "maxAspectRatio must be >= 1, got " + maxAspectRatio);
        require(nmsIou > 0 && nmsIou <= 1, "nmsIou must be in (0, 1], got " + nmsIou);
        require(maxCropsPerImage >= 1, "maxCropsPerImage must be >= 1, got " + maxCropsPerImage);
        require(cropSize >= 8 && cropSize <= 8192, "cropSize must be in 8..8192, got " + cropSize);
        require(nucleusExpansion >= 1, "nucleusExpansion must be >= 1, got " + nucleusExpansion);
        require(ssBaseK > 0 && ssIncK > 0 && ssSigma > 0, "selective search parameters must be positive, got base k "
                + ssBaseK + ", inc k " + ssIncK + ", sigma " + ssSigma);
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
                proposalMode, proposalRanking, searchMaxSide, minBoxSide, maxBoxSide, maxAspectRatio, nmsIou,
                maxCropsPerImage, cropSize, nucleusExpansion, ssBaseK, ssIncK, ssSigma, cropFormat, cropDepth,
                imageLayout);
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
        m.put("proposalMode", proposalMode);
        m.put("proposalRanking", proposalRanking);
        m.put("searchMaxSide", searchMaxSide);
        m.put("minBoxSide", minBoxSide);
        m.put("maxBoxSide", maxBoxSide);
        m.put("maxAspectRatio", maxAspectRatio);
        m.put("nmsIou", nmsIou);
        m.put("maxCropsPerImage", maxCropsPerImage);
        m.put("cropSize", cropSize);
        m.put("nucleusExpansion", nucleusExpansion);
        m.put("selectiveSearch", Map.of("baseK", ssBaseK, "incK", ssIncK, "sigma", ssSigma));
        m.put("cropFormat", cropFormat);
        m.put("cropDepth", cropDepth);
        m.put("threads", threads);
        m.put("defaultSplit", defaultSplit.id());
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

        public HpaCropConfig build() {
            return new HpaCropConfig(groupingFile, groupingFormat, imageFolder, outputFolder, classes, imageLayout,
                    proposalMode, proposalRanking, searchMaxSide, minBoxSide, maxBoxSide, maxAspectRatio, nmsIou,
                    maxCropsPerImage, cropSize, nucleusExpansion, ssBaseK, ssIncK, ssSigma, cropFormat, cropDepth, threads,
                    defaultSplit);
        }
    }
}
