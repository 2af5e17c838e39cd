package org.dragnj.train.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dragnj.data.io.ProgressListener;
import org.dragnj.data.iterator.BagIterator;
import org.dragnj.data.iterator.BagLoaderSpec;
import org.dragnj.data.iterator.InstanceSource;
import org.dragnj.data.manifest.BagRecord;
import org.dragnj.data.manifest.Manifest;
import org.dragnj.data.manifest.Split;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.ThresholdTuner;
import org.dragnj.model.DragnModel;
import org.dragnj.model.FrozenTrunk;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.train.config.ConfigLoader;
import org.dragnj.train.config.ExperimentConfig;
import org.dragnj.train.evaluation.BagPredictor;
import org.dragnj.train.evaluation.Evaluator;
import org.dragnj.train.features.FeatureCache;
import org.dragnj.train.run.RunFolder;
import org.dragnj.train.run.RunProvenance;
import org.dragnj.train.training.Checkpoints;
import org.dragnj.train.training.Trainer;
import org.dragnj.train.training.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment end to end: data, model, training with checkpoints, then the best model's
 * evaluation on the test split, everything in one run folder.
 */
public final class Experiment {

    private static final Logger LOG = LoggerFactory.getLogger(Experiment.class);

    private Experiment() {
    }

    /** The run's final state and its test evaluation. */
    public record Outcome(RunFolder folder, TrainingState state, Evaluator.Evaluation test) {
    }

    /**
     * @param featureCache where frozen-trunk runs keep trunk features (shared by runs with the same trunk)
     */
    public static Outcome run(ExperimentConfig config, Manifest manifest, Path folder, boolean resume,
            Path featureCache, List<String> command, ProgressListener progress) throws IOException {
        RunFolder run = new RunFolder(folder);
        Checkpoints checkpoints = run.checkpoints();
        DragnModel model;
        TrainingState state;
        if (resume) {
            requireSameConfig(run, config);
            model = DragnModel.load(checkpoints.last());
            state = Checkpoints.state(checkpoints.last()).orElseThrow(() -> new IllegalArgumentException(
                    checkpoints.last() + " is a model file, not a training checkpoint"));
        } else {
            if (run.hasCheckpoint()) {
                throw new IllegalArgumentException(run.root() + " already holds a run; continue it with --resume or"
                        + " choose another output folder");
            }
            model = DragnModel.create(modelSpec(config, manifest));
            state = TrainingState.start(config.training().learningRate());
            run.writeConfig(config);
            run.writeProvenance(RunProvenance.of(config.name(), config.training().seed(), manifest.folder(), command));
        }
        BagLoaderSpec trainSpec = loaderSpec(config);
        Trainer trainer = new Trainer(config.training(), config.evaluation().decisionRule(), checkpoints, progress);
        String title = config.name() + " (" + config.model().aggregation() + ")";
        Bags bags;
        if (config.training().frozenTrunk()) {
            FrozenTrunk split = FrozenTrunk.of(model);
            if (resume) {
                Checkpoints.restoreHead(checkpoints.last(), split);
            }
            bags = Bags.onFeatures(manifest, trainSpec, split, featureCache, progress);
            trainer = new Trainer(config.training(), config.evaluation().decisionRule(),
                    checkpoints.withFrozenTrunk(split), progress);
            state = trainer.run(split.head(), bags.train(), bags.val(), state, s -> run.writeHistory(s.history(), title));
        } else {
            bags = Bags.onImages(manifest, trainSpec);
            state = trainer.run(model, bags.train(), bags.val(), state, s -> run.writeHistory(s.history(), title));
        }

        DragnModel best = DragnModel.load(Files.isRegularFile(checkpoints.best()) ? checkpoints.best() : checkpoints.last());
        DragnModel scorer = config.training().frozenTrunk() ? FrozenTrunk.of(best).head() : best;
        double[] thresholds = null;
        if (config.evaluation().decisionRule() == DecisionRule.TUNED_PER_LABEL) {
            thresholds = ThresholdTuner.tune(BagPredictor.predict(scorer, bags.val(), ProgressListener.NONE).predictions());
        }
        BagPredictor.Result result = BagPredictor.predict(scorer, bags.test(), progress);
        Evaluator.Evaluation evaluation = Evaluator.write(run.test(), title, result, manifest,
                config.evaluation().decisionRule(), thresholds, config.evaluation().bootstrap(), config.training().seed());
        return new Outcome(run, state, evaluation);
    }

    private static void requireSameConfig(RunFolder run, ExperimentConfig config) throws IOException {
        if (!run.hasCheckpoint()) {
            throw new IllegalArgumentException("nothing to resume in " + run.root() + ": no " + run.checkpoints().last());
        }
        String saved = Files.readString(run.root().resolve("config.yaml"));
        if (!saved.equals(ConfigLoader.toYaml(config))) {
            throw new IllegalArgumentException("the run in " + run.root() + " was made with another config"
                    + " (see its config.yaml); resume it with the same config and options");
        }
    }

    /** The three splits' bag iterators: training (shuffled, augmented) and evaluation ones. */
    record Bags(BagIterator train, BagIterator val, BagIterator test) {

        static Bags onImages(Manifest manifest, BagLoaderSpec spec) {
            BagLoaderSpec eval = spec.forEvaluation();
            return new Bags(new BagIterator(manifest, requireBags(manifest, Split.TRAIN), spec),
                    new BagIterator(manifest, requireBags(manifest, Split.VAL), eval),
                    new BagIterator(manifest, requireBags(manifest, Split.TEST), eval));
        }

        /** Bags of cached trunk features (extracted first where missing); features are not augmented. */
        static Bags onFeatures(Manifest manifest, BagLoaderSpec spec, FrozenTrunk trunk, Path cache,
                ProgressListener progress) throws IOException {
            List<BagRecord> all = new ArrayList<>();
            for (Split s : List.of(Split.TRAIN, Split.VAL, Split.TEST)) {
                all.addAll(requireBags(manifest, s));
            }
            FeatureCache.Prepared prepared = FeatureCache.prepare(trunk, manifest, all, cache, progress);
            LOG.info(String.format(java.util.Locale.ROOT, "frozen trunk: features of %d images in %s (%d extracted in"
                    + " %.1f s, %d reused); augmentation is off", prepared.extracted() + prepared.reused(),
                    prepared.store().folder(), prepared.extracted(), prepared.seconds(), prepared.reused()));
            InstanceSource features = prepared.store().source(manifest);
            BagLoaderSpec train = spec.withoutAugmentation();
            BagLoaderSpec eval = spec.forEvaluation();
            return new Bags(new BagIterator(manifest, manifest.bags(Split.TRAIN), train, features),
                    new BagIterator(manifest, manifest.bags(Split.VAL), eval, features),
                    new BagIterator(manifest, manifest.bags(Split.TEST), eval, features));
        }
    }

    public static ModelSpec modelSpec(ExperimentConfig config, Manifest manifest) {
        ExperimentConfig.ModelConfig m = config.model();
        ExperimentConfig.TrainingConfig t = config.training();
        ModelSpec.Builder b = ModelSpec.builder().setTrunk(m.trunk()).setLabels(manifest.classes())
                .setInputSize(m.inputHeight(), m.inputWidth()).optInputChannels(m.channels())
                .optAggregation(m.aggregation()).optMode(m.mode()).optUnitBatchNorm(m.unitBatchNorm())
                .optLoss(t.loss())
                .optOptimizer(new OptimizerSpec(t.optimizer(), t.learningRate(), t.beta1(), t.beta2(), 1e-8,
                        t.weightDecay()))
                .optSeed(t.seed()).optTrunkInit(m.trunkInit());
        if (m.trunkWeights() != null) {
            b.optTrunkWeightsFile(m.trunkWeights());
        }
        return b.build();
    }

    public static BagLoaderSpec loaderSpec(ExperimentConfig config) {
        return BagLoaderSpec.builder().setImageSize(config.model().inputHeight(), config.model().inputWidth())
                .optChannels(config.model().channels()).optBatchSize(config.training().batchSize())
                .optAugment(config.training().augment()).optMaxBagLength(config.data().maxBagLength())
                .optSeed(config.training().seed()).build();
    }

    private static List<BagRecord> requireBags(Manifest manifest, Split split) {
        List<BagRecord> bags = manifest.bags(split);
        if (bags.isEmpty()) {
            throw new IllegalArgumentException("the manifest " + manifest.folder() + " has no " + split.id()
                    + " bags; training needs train, val and test splits");
        }
        return bags;
    }
}
