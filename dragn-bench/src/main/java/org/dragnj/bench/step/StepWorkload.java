package org.dragnj.bench.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.bags.synthetic.SyntheticBagGenerator;
import org.dragnj.bags.synthetic.SyntheticBagSpec;
import org.dragnj.bench.throughput.Workloads;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.synthetic.SyntheticManifest;
import org.dragnj.experiment.Experiment;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.features.FeatureCache;
import org.dragnj.experiment.training.FrozenTrunkTraining;
import org.dragnj.experiment.training.TrainingTarget;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
import org.dragnj.model.aggregation.Aggregation;

/**
 * What a step trains, set up as {@code dragn train} sets it up (config, model, bag iterator; the
 * frozen trunk's feature cache), 8 bags per step. Data is generated once under {@link Workloads#work()}.
 */
public enum StepWorkload {
    /**
     * The demo's frozen-trunk head (the 5–9 ms step): small-CNN features [64, 4, 4] of the demo's
     * 32×32 bags of 2–6, extracted by the trunk itself.
     */
    FROZEN_DEMO,
    /**
     * The paper's FlyExpress head (flyexpress-paper.yaml, batch 8): ResNet-18 features on 180×320,
     * [512, 6, 10], bags of 4 (FlyExpress bags average 3.8 images), feature values from {@link RandomFeatures}.
     */
    FROZEN_RESNET18,
    /**
     * The whole model on 28×28 grayscale bags of 10 as in digits-multi-label.yaml, with the small CNN
     * trunk of the measurement; synthetic bags stand in for the digits (a step's cost does not
     * depend on the pixels).
     */
    SMALL_TRUNK;

    /** Bags per step. */
    public static final int BATCH = 8;

    /** The model and the training bags of one workload. */
    public record Prepared(BagClassifier classifier, BagIterator train, double divergenceFactor) {
    }

    public Prepared prepare(Aggregation aggregation) {
        try {
            return switch (this) {
                case FROZEN_DEMO -> frozenDemo(aggregation);
                case FROZEN_RESNET18 -> frozenResnet18(aggregation);
                case SMALL_TRUNK -> smallTrunk(aggregation);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Prepared frozenDemo(Aggregation aggregation) throws IOException {
        ExperimentConfig config = config("demo", aggregation, Map.of());
        Manifest manifest = Workloads.manifest(Workloads.Dataset.DEMO);
        return frozen(config, manifest, FeatureCache.LOCAL);
    }

    private static Prepared frozenResnet18(Aggregation aggregation) throws IOException {
        ExperimentConfig config = config("flyexpress-paper", aggregation, Map.of("model.pretrained", "none"));
        // 50 steps per epoch: the epoch's set-up is spread over as many steps as in a real run of that size
        Manifest manifest = RandomFeatures.manifest(Workloads.work().resolve("data").resolve("fly-features-4"),
                50 * BATCH, 4, 10, 7);
        return frozen(config, manifest, RandomFeatures.INSTANCE);
    }

    private static Prepared frozen(ExperimentConfig config, Manifest manifest, FeatureCache.Extraction extraction)
            throws IOException {
        DragnModel model = DragnModel.create(Experiment.modelSpec(config, manifest));
        TrainingTarget target = FrozenTrunkTraining.prepare(model, manifest, Map.of(Split.TRAIN,
                manifest.bags(Split.TRAIN), Split.VAL, manifest.bags(Split.VAL), Split.TEST, manifest.bags(Split.TEST)),
                Experiment.loaderSpec(config), Workloads.work().resolve("features"), ProgressListener.NONE, extraction);
        return new Prepared(target.classifier(), target.bags().train(), config.training().divergenceFactor());
    }

    private static Prepared smallTrunk(Aggregation aggregation) throws IOException {
        ExperimentConfig config = config("digits-multi-label", aggregation, Map.of("model.trunk", "SMALL_CNN"));
        Path folder = Workloads.work().resolve("data").resolve("digits-like-28x28-10");
        Manifest manifest = SyntheticManifest.write(folder, new SyntheticBagGenerator(SyntheticBagSpec.builder()
                        .optClasses(10).optImageSize(28, 28).optBagLengths(10, 10).optSeed(7).build()),
                new SyntheticManifest.Sizes(50 * BATCH, 8, 8), ProgressListener.NONE);
        return new Prepared(DragnModel.create(Experiment.modelSpec(config, manifest)),
                new BagIterator(manifest, manifest.bags(Split.TRAIN), Experiment.loaderSpec(config)),
                config.training().divergenceFactor());
    }

    private static ExperimentConfig config(String name, Aggregation aggregation, Map<String, String> overrides)
            throws IOException {
        Map<String, String> all = new java.util.HashMap<>(overrides);
        all.put("model.aggregation", aggregation.name());
        all.put("training.batch_size", Integer.toString(BATCH));
        return ConfigLoader.load(name, all);
    }
}
