package org.dragnj.experiment.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.datasets.manifest.ManifestReader;
import org.dragnj.datasets.manifest.ValidationPolicy;
import org.dragnj.datasets.survey.ImageSurvey;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;

/**
 * A saved model and the bags it runs on, read the way evaluation reads them: the model's input size
 * and channels, manifest order, no shuffling or augmentation.
 *
 * @param bags     the chosen bags
 * @param iterator batches of those bags
 */
public record SavedModelInput(DragnModel model, Manifest manifest, List<BagRecord> bags, BagIterator iterator) {

    /**
     * @param split        the manifest split to read, or null for every bag
     * @param maxBagLength cap bag length as in training (0: none)
     */
    public static SavedModelInput open(Path modelFile, Path manifestFolder, Split split, int batch, int maxBagLength,
            long seed) throws IOException {
        DragnModel model = DragnModel.load(modelFile);
        return of(model, readManifest(manifestFolder, model.spec()), split, batch, maxBagLength, seed);
    }

    /** The bags of {@code manifest} (one split, or all for null) for {@code model}. */
    public static SavedModelInput of(DragnModel model, Manifest manifest, Split split, int batch, int maxBagLength,
            long seed) {
        List<BagRecord> bags = split == null ? manifest.bags() : manifest.bags(split);
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("no " + (split == null ? "" : split.id() + " ") + "bags to read in "
                    + manifest.folder());
        }
        return new SavedModelInput(model, manifest, bags,
                new BagIterator(manifest, bags, loaderSpec(model.spec(), batch, maxBagLength, seed)));
    }

    /** Reads a manifest whose images must exist and whose classes must be the model's labels. */
    /**
     * The pre-flight pass: decodes every image of {@link #bags()} once (in parallel; remembered in
     * {@code surveyCache} between runs) and checks it against what the model was trained on.
     *
     * @return warnings for a person
     */
    public List<String> checkImages(Path surveyCache, ProgressListener progress) throws IOException {
        ImageSurvey survey = ImageSurvey.of(manifest, bags, surveyCache, Runtime.getRuntime().availableProcessors(),
                progress);
        return InputCheck.check(model.spec(), manifest, bags, survey);
    }

    public static Manifest readManifest(Path folder, ModelSpec spec) throws IOException {
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
                .optChannels(spec.inputChannels()).optChannelOrder(spec.channelOrder()).optBatchSize(batch).optMaxBagLength(maxBagLength).optSeed(seed)
                .build().forEvaluation();
    }
}
