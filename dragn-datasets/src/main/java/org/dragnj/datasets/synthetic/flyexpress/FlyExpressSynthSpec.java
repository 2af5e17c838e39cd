package org.dragnj.datasets.synthetic.flyexpress;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link FlyExpressSynthesizer} draws and where. Build with {@link #builder()}; every value
 * is checked when the record is made.
 *
 * @param outputFolder        folder the images are written to, flat, under their table names
 * @param imagesCsv           standard_images.csv; null means the copy built into dragn-datasets
 * @param annotationsCsv      standard_annotations.csv; null means the copy built into dragn-datasets
 * @param geneLimit           draw only the images of the first {@code geneLimit} genes (by name)
 *                            that occur in both tables; 0 draws every image the tables name
 * @param seed                seed of everything random; an image depends on (seed, the tables) only
 * @param evidenceProbability probability that an image shows a given term of its bag (each term
 *                            still shows in at least one image of the bag)
 * @param decoyProbability    probability that an image carries stain unrelated to its terms (debris,
 *                            a stained neighbouring embryo)
 * @param noise               standard deviation of the pixel noise, as a fraction of full scale
 * @param threads             images drawn in parallel
 */
public record FlyExpressSynthSpec(Path outputFolder, Path imagesCsv, Path annotationsCsv, int geneLimit, long seed,
        double evidenceProbability, double decoyProbability, double noise, int threads) {

    public FlyExpressSynthSpec {
        Objects.requireNonNull(outputFolder, "the output folder is required: setOutputFolder(...)");
        require(geneLimit >= 0, "geneLimit must be >= 0 (0 = all genes), got " + geneLimit);
        require(evidenceProbability > 0 && evidenceProbability <= 1,
                "evidenceProbability must be in (0, 1], got " + evidenceProbability);
        require(decoyProbability >= 0 && decoyProbability <= 1,
                "decoyProbability must be in [0, 1], got " + decoyProbability);
        require(noise >= 0 && noise <= 0.5, "noise must be in [0, 0.5], got " + noise);
        require(threads >= 1, "threads must be >= 1, got " + threads);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Required: {@code setOutputFolder}. */
    public static final class Builder {
        private Path outputFolder;
        private Path imagesCsv;
        private Path annotationsCsv;
        private int geneLimit;
        private long seed = 1;
        private double evidenceProbability = 0.5;
        private double decoyProbability = 0.3;
        private double noise = 0.03;
        private int threads = Runtime.getRuntime().availableProcessors();

        public Builder setOutputFolder(Path folder) {
            this.outputFolder = folder;
            return this;
        }

        /** Default: the built-in copy. */
        public Builder optImagesCsv(Path file) {
            this.imagesCsv = file;
            return this;
        }

        /** Default: the built-in copy. */
        public Builder optAnnotationsCsv(Path file) {
            this.annotationsCsv = file;
            return this;
        }

        /** Default 0: all genes. */
        public Builder optGeneLimit(int genes) {
            this.geneLimit = genes;
            return this;
        }

        /** Default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default 0.5. */
        public Builder optEvidenceProbability(double p) {
            this.evidenceProbability = p;
            return this;
        }

        /** Default 0.3. */
        public Builder optDecoyProbability(double p) {
            this.decoyProbability = p;
            return this;
        }

        /** Default 0.03. */
        public Builder optNoise(double noise) {
            this.noise = noise;
            return this;
        }

        /** Default: the number of processors. */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public FlyExpressSynthSpec build() {
            return new FlyExpressSynthSpec(outputFolder, imagesCsv, annotationsCsv, geneLimit, seed,
                    evidenceProbability, decoyProbability, noise, threads);
        }
    }
}
