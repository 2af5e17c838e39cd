package org.dragnj.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dragnj.bags.io.ProgressListener;
import org.dragnj.bags.manifest.BagRecord;
import org.dragnj.bags.manifest.Manifest;
import org.dragnj.bags.manifest.Split;
import org.dragnj.datasets.folder.ImageFormats;
import org.dragnj.datasets.iterator.BagIterator;
import org.dragnj.datasets.iterator.BagLoaderSpec;
import org.dragnj.eval.metrics.DecisionRule;
import org.dragnj.eval.metrics.ThresholdTuner;
import org.dragnj.eval.plot.TrainingCurves;
import org.dragnj.experiment.config.ConfigLoader;
import org.dragnj.experiment.config.ExperimentConfig;
import org.dragnj.experiment.evaluation.BagPredictor;
import org.dragnj.experiment.evaluation.Evaluator;
import org.dragnj.experiment.evaluation.ImportanceCsv;
import org.dragnj.experiment.evaluation.ImportanceMontage;
import org.dragnj.experiment.evaluation.ImportanceWriter;
import org.dragnj.experiment.report.RunReport;
import org.dragnj.experiment.run.ResumeCheck;
import org.dragnj.experiment.run.ResumePolicy;
import org.dragnj.experiment.run.RunFolder;
import org.dragnj.experiment.run.RunLock;
import org.dragnj.experiment.run.RunProvenance;
import org.dragnj.experiment.training.Checkpoints;
import org.dragnj.experiment.training.FrozenTrunkTraining;
import org.dragnj.experiment.training.ModelSelection;
import org.dragnj.experiment.training.ParallelTraining;
import org.dragnj.experiment.training.Trainer;
import org.dragnj.experiment.training.TrainingState;
import org.dragnj.experiment.training.TrainingTarget;
import org.dragnj.experiment.training.WholeModelTraining;
import org.dragnj.model.BagClassifier;
import org.dragnj.model.DragnModel;
import org.dragnj.model.ModelSpec;
import org.dragnj.model.OptimizerSpec;
import org.dragnj.model.io.ModelProvenance;
import org.dragnj.model.trunk.weights.PretrainedTrunkWeights;
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

    /** A run on clean data (nothing skipped), for callers that built the manifest themselves. */
    public static Outcome run(ExperimentConfig config, Manifest manifest, Path folder, ResumePolicy resume,
            Path featureCache, List<String> command, ProgressListener progress) throws IOException {
        return run(config, DataSource.Loaded.of(manifest), folder, resume, featureCache, command, progress);
    }

    /**
     * Trains and tests in {@code folder}, which this process owns meanwhile ({@link RunLock}).
     *
     * @param featureCache where frozen-trunk runs keep trunk features (shared by runs with the same trunk)
     */
    public static Outcome run(ExperimentConfig config, DataSource.Loaded data, Path folder, ResumePolicy resume,
            Path featureCache, List<String> command, ProgressListener progress) throws IOException {
        return run(config, data, folder, resume, featureCache, command, progress,
                Trainer.defaultParallelism(config.training()));
    }

    /**
     * As {@link #run(ExperimentConfig, DataSource.Loaded, Path, ResumePolicy, Path, List, ProgressListener)}, with
     * the optimizer steps shared by replicas as {@code parallel} says (e.g. on a Spark cluster).
     */
    public static Outcome run(ExperimentConfig config, DataSource.Loaded data, Path folder, ResumePolicy resume,
            Path featureCache, List<String> command, ProgressListener progress, Optional<ParallelTraining> parallel)
            throws IOException {
        try (RunLock lock = RunLock.acquire(folder, command)) {
            return locked(config, data, new RunFolder(folder), resume, featureCache, command, progress, parallel);
        }
    }

    private static Outcome locked(ExperimentConfig config, DataSource.Loaded data, RunFolder run, ResumePolicy resume,
            Path featureCache, List<String> command, ProgressListener progress, Optional<ParallelTraining> parallel)
            throws IOException {
        Manifest manifest = data.manifest();
        run.removeStaleTemporaries(); // safe: the lock says no other run is writing here
        Checkpoints checkpoints = run.checkpoints();
        DragnModel model;
        TrainingState state;
        if (resume.resumes()) {
            Optional<String> dataChange = ResumeCheck.verify(run, config, manifest, resume);
            model = DragnModel.load(checkpoints.last());
            state = Checkpoints.state(checkpoints.last()).orElseThrow(() -> new IllegalArgumentException(
                    checkpoints.last() + " is a model file, not a training checkpoint"));
            if (dataChange.isPresent()) {
                String note = "resumed with --allow-changed-data at epoch " + (state.epoch() + 1) + ": "
                        + dataChange.get();
                if (!model.provenance().notes().contains(note)) {
                    LOG.warn("{}", note);
                    model = model.withProvenance(model.provenance().withNote(note));
                    run.writeProvenance(model.provenance());
                }
            }
        } else {
            if (run.hasCheckpoint()) {
                throw new IllegalArgumentException(run.root() + " already holds a run; continue it with --resume or"
                        + " choose another output folder");
            }
            ModelProvenance provenance = RunProvenance.of(config, manifest.folder(), command);
            if (parallel.isPresent()) {
                provenance = provenance.withNote("trained data-parallel: " + parallel.get().description());
            }
            model = DragnModel.create(modelSpec(config, manifest)).withProvenance(provenance);
            state = TrainingState.start(config.training().learningRate());
            run.writeConfig(config);
            run.writeProvenance(provenance);
        }
        data.writeReports(run.root());
        TrainingTarget target = target(config, model, manifest, featureCache, progress);
        if (resume.resumes()) {
            target.restore(checkpoints.last());
        }
        String title = config.name() + " (" + config.model().aggregation() + ")";
        parallel.ifPresent(p -> LOG.info("data-parallel training: {}", p.description()));
        Trainer trainer = new Trainer(config.training(), config.evaluation(), checkpoints, progress, parallel);
        List<String> labels = manifest.classes();
        state = trainer.run(target, state, s -> {
            run.writeHistory(s.history(), kept(s, config.training().selection()), title);
            report(run, title, config, s, labels, null);
        });

        DragnModel best = DragnModel.load(Files.isRegularFile(checkpoints.best()) ? checkpoints.best() : checkpoints.last());
        BagClassifier scorer = target.scorer(best);
        double[] thresholds = null;
        if (config.evaluation().decisionRule() == DecisionRule.TUNED_PER_LABEL) {
            thresholds = ThresholdTuner.tune(BagPredictor.predict(scorer, target.bags().val(),
                    config.evaluation().orders(), ProgressListener.NONE).predictions());
        }
        BagPredictor.Result result = BagPredictor.predict(scorer, target.bags().test(), config.evaluation().orders(),
                progress);
        Evaluator.Evaluation evaluation = Evaluator.write(run.test(), title, result, manifest,
                config.evaluation().decisionRule(), thresholds, config.evaluation().bootstrap(), config.training().seed());
        if (config.evaluation().importance()) {
            // on images, not a frozen trunk's cached features: the montage shows the instances themselves
            BagIterator testImages = new BagIterator(manifest, manifest.bags(Split.TEST), loaderSpec(config)
                    .forEvaluation());
            ImportanceWriter.Summary measured = ImportanceWriter.write(run.test().resolve(ImportanceCsv.FILE),
                    run.test().resolve(ImportanceMontage.FILE), title + ", test split", best, testImages, manifest,
                    progress);
            LOG.info("which instances mattered: {} test bags in {} ({} of one instance, without a leave-one-out value)",
                    measured.bags(), run.test().resolve(ImportanceCsv.FILE), measured.singleInstanceBags());
        }
        report(run, title, config, state, labels, new RunReport.Test(evaluation.metrics(), evaluation.intervals(),
                config.evaluation().bootstrap()));
        return new Outcome(run, state, evaluation);
    }

    /** report.html of the run: a live view during training, the full report at the end. */
    private static void report(RunFolder run, String title, ExperimentConfig config, TrainingState state,
            List<String> labels, RunReport.Test test) throws IOException {
        Path provenance = run.root().resolve("provenance.json");
        RunReport.write(run.root(), title, config, ConfigLoader.toYaml(config),
                Files.isRegularFile(provenance) ? Files.readString(provenance) : "(not written)", state, labels, test);
    }

    /** The epoch a run keeps so far, as the training curves mark it. */
    private static TrainingCurves.Selection kept(TrainingState state, ModelSelection selection) {
        return state.bestEpoch() < 0 ? null : new TrainingCurves.Selection(state.bestEpoch() + 1, String.format(
                Locale.ROOT, "%s %.4f", selection.description(), selection.value(state.bestScore())));
    }

    /** The whole model on images, or its head on cached trunk features (frozen trunk). */
    private static TrainingTarget target(ExperimentConfig config, DragnModel model, Manifest manifest, Path featureCache,
            ProgressListener progress) throws IOException {
        Map<Split, List<BagRecord>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            splits.put(s, requireBags(manifest, s));
        }
        BagLoaderSpec spec = loaderSpec(config);
        if (config.training().frozenTrunk()) {
            return FrozenTrunkTraining.prepare(model, manifest, splits, spec, featureCache, progress);
        }
        BagLoaderSpec eval = spec.forEvaluation();
        return new WholeModelTraining(model, new TrainingTarget.Bags(
                new BagIterator(manifest, splits.get(Split.TRAIN), spec),
                new BagIterator(manifest, splits.get(Split.VAL), eval),
                new BagIterator(manifest, splits.get(Split.TEST), eval)));
    }

    /** Training bags whose first image is read to record the format a model was trained on. */
    private static final int TRAINING_IMAGES_SURVEYED = 32;

    public static ModelSpec modelSpec(ExperimentConfig config, Manifest manifest) {
        ExperimentConfig.ModelConfig m = config.model();
        ExperimentConfig.TrainingConfig t = config.training();
        ModelSpec.Builder b = ModelSpec.builder().setTrunk(m.trunk()).setLabels(manifest.classes())
                .setInputSize(m.inputHeight(), m.inputWidth()).optInputChannels(m.channels())
                .optAggregation(m.aggregation()).optMode(m.mode()).optUnitBatchNorm(m.unitBatchNorm())
                .optUnitInit(m.unitInit())
                .optLoss(t.loss())
                .optOptimizer(new OptimizerSpec(t.optimizer(), t.learningRate(), t.beta1(), t.beta2(), 1e-8,
                        t.weightDecay()))
                .optSeed(t.seed()).optTrunkInit(m.trunkInit());
        if (m.pretrainedFile() != null) {
            b.optTrunkWeightsFile(m.pretrainedFile().toString());
        }
        b.optInputNormalization(m.inputNormalization() != null ? m.inputNormalization()
                : PretrainedTrunkWeights.inputNormalizationFor(m.trunkInit(), m.pretrainedFile()));
        b.optTrainingImages(ImageFormats.typical(manifest, manifest.bags(Split.TRAIN), TRAINING_IMAGES_SURVEYED));
        return b.build();
    }

    public static BagLoaderSpec loaderSpec(ExperimentConfig config) {
        return BagLoaderSpec.builder().setImageSize(config.model().inputHeight(), config.model().inputWidth())
                .optChannels(config.model().channels()).optBatchSize(config.training().batchSize())
                .optAugmentation(config.training().augmentation())
                .optShuffleInstances(config.training().shuffleInstances()).optMaxBagLength(config.data().maxBagLength())
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
