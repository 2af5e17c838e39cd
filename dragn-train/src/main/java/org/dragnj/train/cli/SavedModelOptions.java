package org.dragnj.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.data.iterator.BagIterator;
import org.dragnj.data.iterator.BagLoaderSpec;
import org.dragnj.data.manifest.BagRecord;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.data.manifest.ManifestReader;
import org.dragnj.data.manifest.ValidationPolicy;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;

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

    @Option(names = "--max-bag-length", defaultValue = "0", description = "Cap bag length as in training (0: none).")
    int maxBagLength;

    /** The model, the manifest (its labels checked against the model's) and an iterator over the split. */
    record Loaded(DragnModel model, Manifest manifest, List<BagRecord> bags, BagIterator iterator) {
    }

    Loaded load(long seed) throws IOException {
        DragnModel m = DragnModel.load(model);
        Manifest manifest = readManifest(data, m.spec());
        List<BagRecord> bags = manifest.bags(MetricsCommand.parseSplit(split));
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no " + split + " bags in " + data);
        }
        return new Loaded(m, manifest, bags, new BagIterator(manifest, bags, loaderSpec(m.spec(), batch, maxBagLength,
                seed)));
    }

    /** Reads a manifest whose images must exist and whose classes must be the model's labels. */
    static Manifest readManifest(Path folder, ModelSpec spec) throws IOException {
        Manifest manifest = ManifestReader.of(ValidationPolicy.FAIL, ManifestReader.ImageCheck.EXISTS).read(folder)
                .manifest();
        if (!spec.labels().equals(manifest.classes())) {
            throw new IllegalArgumentException("the model predicts labels " + spec.labels() + " but the manifest's"
                    + " classes.txt lists " + manifest.classes());
        }
        return manifest;
    }

    /** How a saved model reads bags for evaluation: its input size and channels, no shuffling or augmentation. */
    static BagLoaderSpec loaderSpec(ModelSpec spec, int batch, int maxBagLength, long seed) {
        return BagLoaderSpec.builder().setImageSize(spec.inputHeight(), spec.inputWidth())
                .optChannels(spec.inputChannels()).optBatchSize(batch).optMaxBagLength(maxBagLength).optSeed(seed)
                .build().forEvaluation();
    }
}
