package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.bdgp.BdgpTables;
import org.dragnj.datasets.synthetic.flyexpress.FlyExpressSynthSpec;
import org.dragnj.datasets.synthetic.flyexpress.FlyExpressSynthesizer;
import org.dragnj.datasets.synthetic.flyexpress.SynthesisResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dragn synth flyexpress}: synthetic embryo images under the file names of the BDGP tables. */
@Command(name = "flyexpress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw synthetic FlyExpress embryo images (180x320, 24-bit BMP, about 170 kB each) under the"
                + " file names the BDGP tables list, flat in --out; each image shows the expression patterns of some"
                + " of its gene x stage group's annotation terms.",
                "'dragn bag-flyexpress --images <out>' then bags them with the real protocol.",
                "Deterministic (an image depends on the seed and the tables only) and resumable (files already"
                        + " there are kept)."})
final class SynthFlyExpressCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Folder to write the images into.")
    Path out;

    @Option(names = "--genes", defaultValue = "200", paramLabel = "N",
            description = "Draw the images of the first N genes (by name) found in both tables (200: about 2,900"
                    + " images, 500 MB); 0 draws every image the tables name, about 43,000 (7.5 GB) (default:"
                    + " ${DEFAULT-VALUE}).")
    int genes;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Images drawn in parallel (default: all cores).")
    Integer threads;

    @Option(names = "--tables", paramLabel = "DIR", description = "Folder with standard_images.csv and"
            + " standard_annotations.csv (default: the copies built into dragn-datasets).")
    Path tables;

    @Option(names = "--evidence", defaultValue = "0.5", paramLabel = "P",
            description = "Probability that an image shows a given term of its bag; each term still shows in at"
                    + " least one image of the bag (default: ${DEFAULT-VALUE}).")
    double evidence;

    @Option(names = "--decoy", defaultValue = "0.3", paramLabel = "P",
            description = "Probability that an image carries stain unrelated to its terms (default: ${DEFAULT-VALUE}).")
    double decoy;

    @Option(names = "--noise", defaultValue = "0.03", paramLabel = "SIGMA",
            description = "Pixel noise, fraction of full scale (default: ${DEFAULT-VALUE}).")
    double noise;

    FlyExpressSynthSpec config() {
        FlyExpressSynthSpec.Builder b = FlyExpressSynthSpec.builder().setOutputFolder(out).optGeneLimit(genes)
                .optSeed(seed).optEvidenceProbability(evidence).optDecoyProbability(decoy).optNoise(noise);
        if (threads != null) {
            b.optThreads(threads);
        }
        if (tables != null) {
            b.optImagesCsv(tables.resolve(BdgpTables.IMAGES_FILE)).optAnnotationsCsv(tables.resolve(BdgpTables.ANNOTATIONS_FILE));
        }
        return b.build();
    }

    @Override
    public Integer call() throws Exception {
        FlyExpressSynthSpec config = config();
        long t0 = System.nanoTime();
        SynthesisResult r = FlyExpressSynthesizer.generate(config, new ProgressBarListener());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "synthetic FlyExpress: %d images of %d genes (%d drawn, %d already there) in"
                + " %.1f s%n", r.images(), r.genes().size(), r.written(), r.skipped(), seconds);
        System.out.println("wrote: " + r.folder() + "/ (" + FlyExpressSynthesizer.HEIGHT + "x" + FlyExpressSynthesizer.WIDTH
                + " BMP files named as in " + BdgpTables.IMAGES_FILE + ")");
        if (tables == null) {
            DataHints.next("bag-flyexpress", "--images", r.folder().toString(), "--out",
                    DataHints.sibling(out, "-manifest").toString());
        } else {
            DataHints.next("bag-flyexpress", "--tables", tables.toString(), "--images", r.folder().toString(), "--out",
                    DataHints.sibling(out, "-manifest").toString());
        }
        return 0;
    }
}
