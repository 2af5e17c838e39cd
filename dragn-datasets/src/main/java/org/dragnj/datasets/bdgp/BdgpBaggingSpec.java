package org.dragnj.datasets.bdgp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@link BdgpBagger} does: where the tables and images are, the protocol's choices, where the
 * manifest goes. Build with {@link #builder()}; every value is checked when the record is made.
 *
 * @param outputFolder   the manifest folder to write (bags.csv, classes.txt, report.json)
 * @param imagesCsv      standard_images.csv; null means the copy built into this module
 * @param annotationsCsv standard_annotations.csv; null means the copy built into this module
 * @param imageFolder    folder holding the image files by name (not searched recursively); null
 *                       means the images are not checked: every listed file is kept, instances are
 *                       written as bare file names (relative to the manifest folder) and the report
 *                       says {@code images_checked: false, missing_instances: null}
 * @param topK           the k most frequent terms become the classes
 * @param splitScheme    how bags are divided into train, val and test
 * @param seed           shuffle seed of the split, 0 .. 2^32-1 (a NumPy seed)
 * @param stageGroups    stage groups kept, within 1..6
 * @param views          views kept
 */
public record BdgpBaggingSpec(Path outputFolder, Path imagesCsv, Path annotationsCsv, Path imageFolder, int topK,
        SplitScheme splitScheme, long seed, Set<Integer> stageGroups, Set<View> views) {

    /** The seed of the authors' split ({@code np.random.seed(286501567)}). */
    public static final long AUTHORS_SEED = 286501567L;
    /** The paper drops stage group 1 (stages 1–3). */
    public static final Set<Integer> PAPER_STAGE_GROUPS = Set.of(2, 3, 4, 5, 6);

    public BdgpBaggingSpec {
        Objects.requireNonNull(outputFolder, "the output (manifest) folder is required: setOutputFolder(...)");
        Objects.requireNonNull(splitScheme, "splitScheme");
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in 0 .. 2^32-1 (the split uses NumPy's generator), got "
                    + seed);
        }
        stageGroups = Set.copyOf(new TreeSet<>(Objects.requireNonNull(stageGroups, "stageGroups")));
        if (stageGroups.isEmpty() || stageGroups.stream().anyMatch(g -> g < 1 || g > 6)) {
            throw new IllegalArgumentException("stageGroups must be a non-empty subset of 1..6, got " + stageGroups);
        }
        views = Set.copyOf(Objects.requireNonNull(views, "views"));
        if (views.isEmpty()) {
            throw new IllegalArgumentException("views must name at least one of " + Arrays.toString(View.values()));
        }
    }

    /** Stage groups in ascending order. */
    public List<Integer> stageGroupList() {
        return new TreeSet<>(stageGroups).stream().toList();
    }

    /** Views in enum order. */
    public List<View> viewList() {
        return EnumSet.copyOf(views).stream().toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Required: {@code setOutputFolder}. Everything else defaults to the paper's Drosophila protocol. */
    public static final class Builder {
        private Path outputFolder;
        private Path imagesCsv;
        private Path annotationsCsv;
        private Path imageFolder;
        private int topK = 10;
        private SplitScheme splitScheme = SplitScheme.AUTHORS_CODE_40_10_50;
        private long seed = AUTHORS_SEED;
        private Set<Integer> stageGroups = PAPER_STAGE_GROUPS;
        private Set<View> views = EnumSet.allOf(View.class);

        public Builder setOutputFolder(Path folder) {
            this.outputFolder = folder;
            return this;
        }

        /** standard_images.csv; default: the built-in copy. */
        public Builder optImagesCsv(Path file) {
            this.imagesCsv = file;
            return this;
        }

        /** standard_annotations.csv; default: the built-in copy. */
        public Builder optAnnotationsCsv(Path file) {
            this.annotationsCsv = file;
            return this;
        }

        /** Both tables from one folder holding standard_images.csv and standard_annotations.csv. */
        public Builder optTablesFolder(Path folder) {
            this.imagesCsv = folder.resolve(BdgpTables.IMAGES_FILE);
            this.annotationsCsv = folder.resolve(BdgpTables.ANNOTATIONS_FILE);
            return this;
        }

        /** Where the image files are; default: none, images are not checked. */
        public Builder optImageFolder(Path folder) {
            this.imageFolder = folder;
            return this;
        }

        /** Number of classes (most frequent terms); default 10. */
        public Builder optTopK(int k) {
            this.topK = k;
            return this;
        }

        /** Default: {@link SplitScheme#AUTHORS_CODE_40_10_50}. */
        public Builder optSplitScheme(SplitScheme scheme) {
            this.splitScheme = scheme;
            return this;
        }

        /** Default: {@link #AUTHORS_SEED}. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default: 2, 3, 4, 5, 6. */
        public Builder optStageGroups(int... groups) {
            this.stageGroups = Arrays.stream(groups).boxed().collect(Collectors.toSet());
            return this;
        }

        /** Default: lateral, dorsal, ventral. */
        public Builder optViews(View... views) {
            this.views = views.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(views));
            return this;
        }

        public BdgpBaggingSpec build() {
            return new BdgpBaggingSpec(outputFolder, imagesCsv, annotationsCsv, imageFolder, topK, splitScheme, seed,
                    stageGroups, views);
        }
    }
}
