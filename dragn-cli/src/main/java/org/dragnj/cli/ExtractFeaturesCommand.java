package org.dragnj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.experiment.evaluation.EmbeddingWriter;
import org.dragnj.experiment.evaluation.SavedModelInput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Instance features before aggregation and bag features after it, as CSV, with their t-SNE maps
 * coloured by label (the paper's figures 6 and 7).
 */
@Command(name = "extract-features", mixinStandardHelpOptions = true,
        description = "Write instance features (trunk, averaged over space) and bag features (what the head reads)"
                + " of a saved model as CSV, and t-SNE maps of both coloured by label.")
final class ExtractFeaturesCommand implements Callable<Integer> {

    @Mixin
    SavedModelOptions input = new SavedModelOptions();

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--tsne-points", defaultValue = "2000",
            description = "At most this many points per t-SNE map, drawn at random (0: no maps; default: ${DEFAULT-VALUE}).")
    int tsnePoints;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the t-SNE maps and the subset of points"
            + " they draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SavedModelInput in = input.load(seed);
        EmbeddingWriter.Written w = EmbeddingWriter.extract(in, out, tsnePoints, seed, new ProgressBarListener());
        System.out.printf(Locale.ROOT, "%d bags%s; written to %s: %s%n", in.bags().size(),
                w.instances() == 0 ? " (no instance features: the trunk reads aggregated images in PRE mode)"
                        : ", " + w.instances() + " instances", out.toAbsolutePath(), String.join(", ", w.files()));
        return 0;
    }
}
