package org.dragnj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.hpa.grouping.GroupingFormat;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaDataset;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaGenerator;
import org.dragnj.datasets.synthetic.hpa.SyntheticHpaSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dragn synth hpa}: a synthetic HPA-like data set in the input format of {@code prepare-hpa}. */
@Command(name = "hpa", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a synthetic HPA-like data set: square fluorescence fields of cells as Kaggle channel PNGs"
                + " (<id>_red/_green/_blue/_yellow.png), one bag per 'protein', 1-3 of 10 localisation classes per bag.",
                "Writes into --out: images/, groups.csv (bag_id,image_id,labels: the grouping file of 'dragn"
                        + " prepare-hpa --grouping-format BAG_CSV'), train.csv (Kaggle Id,Target), classes.txt and"
                        + " cells.csv (ground-truth cell centres).",
                "Same options, same files, byte for byte."})
final class SynthHpaCommand implements Callable<Integer> {

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d+)\\s*(?:(?:\\.\\.|-)\\s*(\\d+)\\s*)?");

    @Option(names = "--out", required = true, description = "Folder to write the data set into.")
    Path out;

    @Option(names = "--bags", defaultValue = "6", description = "Bags (proteins) (default: ${DEFAULT-VALUE}).")
    int bags;

    @Option(names = "--images-per-bag", defaultValue = "2..4", paramLabel = "MIN..MAX",
            description = "Images (fields) per bag, a range or one number (default: ${DEFAULT-VALUE}).")
    String imagesPerBag;

    @Option(names = "--size", defaultValue = "512", paramLabel = "PIXELS",
            description = "Side of each square field, e.g. 512, 1024, 2048 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--cells-per-image", defaultValue = "8..14", paramLabel = "MIN..MAX",
            description = "Cells per field (default: ${DEFAULT-VALUE}).")
    String cellsPerImage;

    @Option(names = "--cell-radius", defaultValue = "0.065", paramLabel = "FRACTION",
            description = "Mean cell radius as a fraction of the field side (default: ${DEFAULT-VALUE}).")
    double cellRadius;

    @Option(names = "--labels-per-bag", defaultValue = "1..3", paramLabel = "MIN..MAX",
            description = "Positive labels per bag, of 10 (default: ${DEFAULT-VALUE}).")
    String labelsPerBag;

    @Option(names = "--show-probability", defaultValue = "0.5", paramLabel = "P",
            description = "Probability that a cell shows a given label of its bag; every label is still shown by"
                    + " at least one cell of the bag (default: ${DEFAULT-VALUE}).")
    double showProbability;

    @Option(names = "--decoy-probability", defaultValue = "0.1", paramLabel = "P",
            description = "Probability that a cell shows a faint pattern of another class (default: ${DEFAULT-VALUE}).")
    double decoyProbability;

    @Option(names = "--out-of-focus", defaultValue = "0.2", paramLabel = "P",
            description = "Probability that a whole field is blurred (default: ${DEFAULT-VALUE}).")
    double outOfFocus;

    @Option(names = "--noise", defaultValue = "0.03", paramLabel = "SIGMA",
            description = "Pixel noise, fraction of full scale (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--16-bit", description = "Write 16-bit PNGs instead of 8-bit.")
    boolean sixteenBit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the whole data set (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The generator's spec from the flags; throws IllegalArgumentException on values it does not accept. */
    SyntheticHpaSpec spec() {
        int[] images = range("--images-per-bag", imagesPerBag);
        int[] cells = range("--cells-per-image", cellsPerImage);
        int[] labels = range("--labels-per-bag", labelsPerBag);
        return SyntheticHpaSpec.builder().optBags(bags).optImagesPerBag(images[0], images[1]).optImageSize(size)
                .optCellsPerImage(cells[0], cells[1]).optCellRadius(cellRadius).optLabelsPerBag(labels[0], labels[1])
                .optShowProbability(showProbability).optDecoyProbability(decoyProbability)
                .optOutOfFocusProbability(outOfFocus).optNoise(noise).optSixteenBit(sixteenBit).optSeed(seed).build();
    }

    /** "3" → [3, 3]; "2..4" or "2-4" → [2, 4]. */
    static int[] range(String option, String value) {
        Matcher m = RANGE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " is a number or a range MIN..MAX, e.g. 2..4; got '" + value + "'");
        }
        int min = Integer.parseInt(m.group(1));
        return new int[] {min, m.group(2) == null ? min : Integer.parseInt(m.group(2))};
    }

    @Override
    public Integer call() throws Exception {
        SyntheticHpaSpec spec = spec();
        long t0 = System.nanoTime();
        SyntheticHpaDataset ds = new SyntheticHpaGenerator(spec).write(out, new ProgressBarListener());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "synthetic HPA: %d bags, %d images of %d x %d pixels (%d-bit, 4 channel"
                + " PNGs each), %d cells, %d classes in %.1f s%n", ds.bags(), ds.images(), spec.imageSize(),
                spec.imageSize(), spec.sixteenBit() ? 16 : 8, ds.cellCount(), ds.classes().size(), seconds);
        System.out.println("wrote: " + ds.imageFolder() + "/ (<image_id>_red|_green|_blue|_yellow.png)");
        System.out.println("       " + ds.groupingFile() + " (bag_id,image_id,labels; grouping format "
                + GroupingFormat.BAG_CSV + ")");
        System.out.println("       " + ds.kaggleFile() + " (Kaggle Id,Target; grouping format "
                + GroupingFormat.KAGGLE_TRAIN_CSV + ")");
        System.out.println("       " + ds.classesFile() + ", " + ds.cellsFile() + " (ground-truth cells)");
        DataHints.next("prepare-hpa", "--grouping", ds.groupingFile().toString(), "--grouping-format",
                GroupingFormat.BAG_CSV.name(), "--images", ds.imageFolder().toString(), "--classes",
                ds.classesFile().toString(), "--split-fractions", "0.6,0.2,0.2", "--out",
                DataHints.sibling(out, "-crops").toString());
        return 0;
    }
}
