package org.dragnj.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.dragnj.cli.progress.ProgressBarListener;
import org.dragnj.experiment.evaluation.SavedModelInput;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A saved model and the manifest split it runs on, shared by evaluate and extract-features. */
final class SavedModelOptions {

    @Option(names = "--model", required = true, description = "A model or checkpoint file (.zip).")
    Path model;

    @Option(names = "--data", required = true, description = "Bag manifest folder.")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train, val or test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--batch", defaultValue = "8", description = "Bags per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--max-bag-length", defaultValue = "0", description = "Cap bag length as in training, 0 for"
            + " none (default: ${DEFAULT-VALUE}).")
    int maxBagLength;

    @Mixin
    DataCacheOption dataCache = new DataCacheOption();

    /** The model and its bags, every image of which has passed the pre-flight check (warnings printed). */
    SavedModelInput load(long seed) throws IOException {
        SavedModelInput in = SavedModelInput.open(model, data, MetricsCommand.parseSplit(split), batch, maxBagLength,
                seed);
        in.checkImages(dataCache.surveyCache(data), new ProgressBarListener()).forEach(w -> System.out.println("warning: " + w));
        return in;
    }
}
